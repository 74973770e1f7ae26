/** Why a request to the gateway did not get an answer. (A non-zero answer is a SubmitResult or a refused bind.) */
import type { AckReason, LinkReason } from '../model.js';
import { describeReason } from '../describe.js';

export class GatewayError extends Error {
  constructor(
    readonly reason: AckReason,
    message: string = describeReason(reason),
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The session is not bound (not started, connecting, retrying, refused, stopping or stopped). */
export class NotBoundError extends GatewayError {
  constructor(message: string) {
    super({ code: 'not-bound' }, message);
  }
}

/** No response within the allowed time. The gateway may still have acted on the request. */
export class TimeoutError extends GatewayError {
  constructor(
    readonly command: string,
    readonly timeoutMs: number,
  ) {
    super({ code: 'no-response', params: { command, seconds: timeoutMs / 1000 } });
  }
}

/** The connection ended before the response arrived. The gateway may still have acted on the request. */
export class LinkLostError extends GatewayError {
  constructor(
    readonly command: string,
    readonly linkReason: LinkReason,
  ) {
    super({ code: 'link-lost', params: { command, cause: linkReason } });
  }
}
