import type { SbnnBridge } from '@shared/contract/bridge';
import type { Channel, ChannelInput, ChannelOutput, ContractClient } from '@shared/contract/channels';
import { ClientError } from './client-error';

/**
 * Desktop transport: the preload's `window.sbnn` bridge. The bridge resolves to an envelope
 * (errors do not survive Electron IPC intact), so a failed envelope is rethrown here as a
 * ClientError and views only ever see results or thrown errors.
 */
export function createIpcClient(bridge: SbnnBridge): ContractClient {
  return {
    async invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
      const envelope = await bridge.invoke(channel, input);
      if (!envelope.ok) throw new ClientError(envelope.error);
      return envelope.result;
    },
    on: (event, listener) => bridge.on(event, listener)
  };
}
