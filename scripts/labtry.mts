import { LabHosts } from '../src/lab/sshd-hosts.js';
const lab = new LabHosts({ dir: '/tmp/rb-labtry', names: ['h1', 'h2'], network: '127.0.2', firstHost: 11, hide: ['/work'], users: [{ name: 'operator', uid: 1500, sudoPassword: 's3cret' }] });
const t = Date.now();
await lab.up();
console.log('up in', Date.now() - t, 'ms', lab.pid('h1'), lab.pid('h2'));
