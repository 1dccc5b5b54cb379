import type { ContractClient } from '@shared/contract/channels';
import type { ErrorInfo } from '@shared/contract/errors';
import type { Arch, TrainConfigInput } from '@shared/domain/config';
import type { RankAdviceResult } from '@shared/domain/records';
import { describeError } from '../client/client-error';

/** Share of each layer's spectral energy the proposed rank keeps (METHOD.md section 7). */
export const ADVICE_ENERGY = 0.9;

/**
 * The rank advisor's request and answer. The pre-fit takes a while and cannot be stopped on the
 * main side, so "Cancel" only stops waiting: a later answer to an abandoned request is ignored.
 */
export class RankAdvice {
  busy = $state(false);
  result = $state<RankAdviceResult | null>(null);
  error = $state<ErrorInfo | null>(null);
  /** When the pending request was sent (ms since the epoch), for the elapsed-time display. */
  startedAt = $state<number | null>(null);
  /** The network the answer is for: its ranks mean nothing for another one. */
  forArch = $state<Arch | null>(null);
  private generation = 0;

  constructor(private readonly client: ContractClient) {}

  async request(config: TrainConfigInput): Promise<void> {
    const generation = ++this.generation;
    this.busy = true;
    this.error = null;
    this.result = null;
    this.startedAt = Date.now();
    this.forArch = config.arch ?? 'mlp';
    try {
      const result = await this.client.invoke('runs:advise-rank', { config, energy: ADVICE_ENERGY });
      if (generation === this.generation) this.result = result;
    } catch (err) {
      if (generation === this.generation) this.error = describeError(err);
    } finally {
      if (generation === this.generation) {
        this.busy = false;
        this.startedAt = null;
      }
    }
  }

  cancel(): void {
    this.generation += 1;
    this.busy = false;
    this.startedAt = null;
  }
}
