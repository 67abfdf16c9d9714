// The play's removed hosts (play._removed_hosts) as a set that counts its changes, so the host
// lists every task's variables carry (ansible_play_hosts, ansible_play_batch) are filtered again
// only after a host left or came back, not for every task on every host (that was quadratic in
// the play's hosts).
export class RemovedHosts extends Set<string> {
  private changes = 0;

  override add(host: string): this {
    if (!this.has(host)) this.changes++;
    return super.add(host);
  }

  override delete(host: string): boolean {
    const gone = super.delete(host);
    if (gone) this.changes++;
    return gone;
  }

  override clear(): void {
    if (this.size) this.changes++;
    super.clear();
  }

  /** Changes so far: equal numbers mean the same members. */
  get version(): number {
    return this.changes;
  }
}
