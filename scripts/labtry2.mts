import { LabHosts } from '../src/lab/sshd-hosts.js';
const lab = new LabHosts({ dir: '/tmp/rb-labtry', names: ['h1', 'h2'], network: '127.0.2', firstHost: 11, hide: ['/work'], users: [{ name: 'operator', uid: 1500, sudoPassword: 's3cret' }] });
const [cmd, name] = process.argv.slice(2);
if (cmd === 'stop') await lab.stop(name!); else if (cmd === 'start') await lab.start(name!); else if (cmd === 'freeze') lab.freeze(name!); else if (cmd === 'thaw') lab.thaw(name!); else if (cmd === 'down') await lab.down();
