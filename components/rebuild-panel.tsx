import { getConfig } from '@/lib/config';
import { rebuildPanelData } from '@/lib/rebuild/page-data';
import { RebuildControl } from './rebuild-control';

/** Server part of the Rebuild control: decides what the browser may know, then hands it to the leaf. */
export async function RebuildPanel() {
  return <RebuildControl data={await rebuildPanelData(getConfig())} />;
}
