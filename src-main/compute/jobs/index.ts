import type { JobKind } from '../protocol';
import { adviseRankJob } from './advise-rank';
import type { JobDefinition } from './job-handler';
import { predictRunJob } from './predict-run';
import { probeJob } from './probe';
import { summarizeTableJob } from './summarize-table';
import { trainMemberJob } from './train-member';
import { trainRunJob } from './train-run';

export type { JobContext, JobDefinition, JobHandler } from './job-handler';

/**
 * Every job kind the compute process runs. To add a kind: describe its payloads in
 * job-types.ts (ComputeJobs), write its definition in its own file, and add it here; the mapped
 * type makes a missing entry a compile error.
 */
export const jobDefinitions: { readonly [K in JobKind]: JobDefinition<K> } = {
  probe: probeJob,
  'train-run': trainRunJob,
  'train-member': trainMemberJob,
  'advise-rank': adviseRankJob,
  'summarize-table': summarizeTableJob,
  'predict-run': predictRunJob
};
