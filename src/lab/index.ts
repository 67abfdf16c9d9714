// The lab: sshd hosts on loopback (the SSH tests, the benchmark) and the Juno cloud built on them.
export { LabHosts, type LabHost, type LabHostsOptions, type LabUser } from './sshd-hosts.js';
export { JunoLab, DEFAULT_CONFIG, type HostStatus, type JunoLabConfig } from './juno-lab.js';
