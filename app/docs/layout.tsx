import './docs.css';

export default function DocsLayout({ children }: { children: React.ReactNode }) {
  return children;
}
