// How big the source is: lines per file and per function, read with the TypeScript parser so a
// function is what the language says it is (declarations, methods, arrows, function expressions).
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const isTest = (f) => /\.test\.(m?[jt]sx?)$/.test(f) || f.includes(`${path.sep}test-`) || /test-helpers?\.(m?[jt]s)$/.test(f);

/** Source files under `dirs` (relative to root), tests left out. */
export function sourceFiles(root, dirs) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|tsx|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts') && !isTest(p)) out.push(p);
    }
  };
  for (const d of dirs) if (fs.existsSync(path.join(root, d))) walk(path.join(root, d));
  return out;
}

const functionKinds = new Set([ts.SyntaxKind.FunctionDeclaration, ts.SyntaxKind.MethodDeclaration, ts.SyntaxKind.ArrowFunction, ts.SyntaxKind.FunctionExpression, ts.SyntaxKind.Constructor]);

/** { lines, functions: [{ name, line, lines }] } for one file. */
export function measure(file) {
  const text = fs.readFileSync(file, 'utf8');
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const lineOf = (pos) => src.getLineAndCharacterOfPosition(pos).line + 1;
  const functions = [];
  const visit = (node) => {
    if (functionKinds.has(node.kind)) {
      const start = lineOf(node.getStart(src));
      const name = node.name?.getText(src) ?? (ts.isVariableDeclaration(node.parent) ? node.parent.name.getText(src) : '(anonymous)');
      functions.push({ name, line: start, lines: lineOf(node.end) - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(src);
  return { lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0), functions };
}
