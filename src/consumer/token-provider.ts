/**
 * Where the client gets its bearer token. Kept as a port so that tests, the mock, client
 * credentials and ready tokens plug in the same way.
 */
export interface TokenProvider {
  getToken(): Promise<string>;
}

/** A fixed token: a ready `GRAPH_ACCESS_TOKEN`, or the fake token of consumer contract tests. */
export class StaticTokenProvider implements TokenProvider {
  constructor(private readonly token: string) {}

  getToken(): Promise<string> {
    return Promise.resolve(this.token);
  }

  /** Never reveal the token when the provider is logged or inspected. */
  toJSON(): string {
    return 'StaticTokenProvider([redacted])';
  }
}
