#!/usr/bin/env node
// Draws app/favicon.ico from app/icon.svg (16 and 32 px PNGs in one .ico), for browsers and
// tools that ask for /favicon.ico by name. Run again after changing the SVG.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumArgs, findChromium } from './chromium.mjs';

const root = path.resolve(import.meta.dirname, '..');
const svg = fs.readFileSync(path.join(root, 'app/icon.svg'), 'utf8');

async function png(browser, size) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
  const bytes = await page.screenshot({ omitBackground: true });
  await page.close();
  return bytes;
}

/** An ICO is a directory of images; modern ones may hold PNGs as they are. */
function ico(images) {
  const head = Buffer.alloc(6 + 16 * images.length);
  head.writeUInt16LE(1, 2);
  head.writeUInt16LE(images.length, 4);
  let offset = head.length;
  images.forEach(({ size, bytes }, i) => {
    const e = 6 + 16 * i;
    head.writeUInt8(size, e);
    head.writeUInt8(size, e + 1);
    head.writeUInt16LE(1, e + 4); // colour planes
    head.writeUInt16LE(32, e + 6); // bits per pixel
    head.writeUInt32LE(bytes.length, e + 8);
    head.writeUInt32LE(offset, e + 12);
    offset += bytes.length;
  });
  return Buffer.concat([head, ...images.map((x) => x.bytes)]);
}

const browser = await chromium.launch({ executablePath: findChromium() ?? undefined, args: chromiumArgs });
try {
  const images = [];
  for (const size of [16, 32]) images.push({ size, bytes: await png(browser, size) });
  fs.writeFileSync(path.join(root, 'app/favicon.ico'), ico(images));
  console.log('wrote app/favicon.ico');
} finally {
  await browser.close();
}
