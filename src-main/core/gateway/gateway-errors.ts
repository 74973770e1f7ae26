/** Why a request to the gateway did not get an answer. (A non-zero answer is a SubmitResult or a refused bind.) */

export class GatewayError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The session is not bound (not started, connecting, retrying, refused, stopping or stopped). */
export class NotBoundError extends GatewayError {}

/** No response within the allowed time. The gateway may still have acted on the request. */
export class TimeoutError extends GatewayError {
  constructor(
    readonly command: string,
    readonly timeoutMs: number,
  ) {
    super(`no ${command}_resp within ${timeoutMs} ms`);
  }
}

/** The connection ended before the response arrived. The gateway may still have acted on the request. */
export class LinkLostError extends GatewayError {
  constructor(
    readonly command: string,
    readonly reason: string,
  ) {
    super(`the link closed before the ${command}_resp arrived (${reason})`);
  }
}
