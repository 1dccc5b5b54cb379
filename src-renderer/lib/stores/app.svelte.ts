import type { ChannelOutput, ContractClient } from '@shared/contract/channels';
import type { ErrorInfo } from '@shared/contract/errors';
import type { BackendInfo } from '@shared/domain/records';
import { describeError } from '../client/client-error';

export type ViewId = 'data' | 'model' | 'training' | 'results' | 'records' | 'review' | 'runs' | 'compare';

type AppInfo = ChannelOutput<'app:info'>;

/** Backoff for asking again while the compute process has not reported its backend yet. */
const FIRST_POLL_MS = 2000;
const MAX_POLL_MS = 30_000;

/** App-wide state: which view is open, the app's info and the compute backend for the status bar. */
export class AppStore {
  view = $state<ViewId>('data');
  info = $state<AppInfo | null>(null);
  backend = $state<BackendInfo | null>(null);
  error = $state<ErrorInfo | null>(null);
  /** True once app:info answered without a backend at least once (the compute process is not up). */
  backendMissing = $state(false);
  private pollTimer: ReturnType<typeof setTimeout> | null = null;
  private pollDelay = FIRST_POLL_MS;

  constructor(private readonly client: ContractClient) {
    client.on('compute:backend', (backend) => {
      this.backend = backend;
    });
  }

  async load(): Promise<void> {
    try {
      const info = await this.client.invoke('app:info', {});
      this.info = info;
      if (info.backend) this.backend = info.backend;
      this.error = null;
    } catch (err) {
      this.error = describeError(err);
    }
    // The backend event may have fired before this page subscribed: ask until it is known.
    if (!this.backend) {
      this.backendMissing = this.info !== null;
      if (this.pollTimer) clearTimeout(this.pollTimer);
      this.pollTimer = setTimeout(() => void this.load(), this.pollDelay);
      this.pollDelay = Math.min(this.pollDelay * 2, MAX_POLL_MS);
    }
  }

  show(view: ViewId): void {
    this.view = view;
  }
}
