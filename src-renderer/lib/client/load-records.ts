import type { ContractClient } from '@shared/contract/channels';
import type { RecordPrediction, Split } from '@shared/domain/records';

/** The largest page records:list serves. */
export const RECORDS_PAGE_LIMIT = 5000;

/** Every record of a run's split, page by page in row order (a long series has many windows). */
export async function loadAllRecords(
  client: ContractClient,
  runId: number,
  split: Split
): Promise<RecordPrediction[]> {
  const all: RecordPrediction[] = [];
  for (;;) {
    const page = await client.invoke('records:list', {
      runId,
      splits: [split],
      sort: 'row',
      offset: all.length,
      limit: RECORDS_PAGE_LIMIT
    });
    all.push(...page.records);
    if (page.records.length === 0 || all.length >= page.total) return all;
  }
}
