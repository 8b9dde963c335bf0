// An address with the name the program resolved it from (see names/): `github.com (140.82.112.3:443)`.

/** The remote end as the views show it: with its host name first when the trace saw the lookup. */
export function withHost(remote: string | undefined, host: string | undefined): string | undefined {
  return remote === undefined || host === undefined ? remote : `${host} (${remote})`;
}
