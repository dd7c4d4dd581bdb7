import type { GenerationsReport } from '@/lib/rebuild/generations';

/** The VM's system generations, newest first, and whether a reboot would change what runs. */
export function GenerationsTable({ report }: { report: GenerationsReport }) {
  const differs = report.currentSystem && report.bootedSystem && report.currentSystem !== report.bootedSystem;
  return (
    <div className="flex flex-col gap-2" data-testid={`generations-${report.target}`}>
      {report.currentSystem ? (
        <p className="text-sm" data-testid="booted-vs-current" data-differs={Boolean(differs)}>
          {differs
            ? `▲ The running system differs from the one ${report.target} booted: kernel, initrd or systemd changes take effect after a restart (orb restart ${report.target}).`
            : `● The running system is the one ${report.target} booted.`}
        </p>
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Current vs booted system unknown: {report.systemProblem}</p>
      )}
      {report.generations === null ? (
        <p className="text-sm text-amber-800 dark:text-amber-300">▲ Generations could not be listed: {report.problem}</p>
      ) : report.generations.length === 0 ? (
        <p className="text-sm text-zinc-600">No generations listed.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-zinc-500">
              <tr><th className="py-1 pr-3">Generation</th><th className="pr-3">Built</th><th className="hidden pr-3 sm:table-cell">NixOS</th><th className="hidden pr-3 sm:table-cell">Revision</th><th>Current</th></tr>
            </thead>
            <tbody>
              {report.generations.map((g) => (
                <tr key={g.generation} className="border-t border-zinc-200 dark:border-zinc-800" data-current={g.current}>
                  <td className="py-1 pr-3 font-mono">{g.generation}</td>
                  <td className="pr-3 whitespace-nowrap">{g.date}</td>
                  <td className="hidden pr-3 font-mono text-xs sm:table-cell">{g.nixosVersion}</td>
                  <td className="hidden pr-3 font-mono text-xs sm:table-cell">{g.configurationRevision || '—'}</td>
                  <td>{g.current ? '● current' : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
