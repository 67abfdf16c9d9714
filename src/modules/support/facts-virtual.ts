// virtualization_type/role/tech_guest/tech_host as LinuxVirtual.get_virtual_facts finds them
// (facts/virtual/linux.py at stable-2.14), check by check in its order: container cgroups and
// PID 1's environment, OpenVZ, systemd's container file, Docker's marker files, Xen, DMI
// vendors, VServer, cpuinfo, kernel modules, dmidecode's product name, /dev/kvm.

const DMI_DIR = '/sys/devices/virtual/dmi/id';

/** The files head reads for them (DMI's product_name, sys_vendor and bios_vendor come with the hardware facts). */
export const VIRTUAL_FILES = [
  '/proc/1/cgroup',
  // NUL-separated: the shell's $(…) drops the NULs, so its variables come back run together
  '/proc/1/environ',
  '/run/systemd/container',
  '/proc/xen/capabilities',
  '/proc/modules',
  `${DMI_DIR}/product_family`,
];

/** The program's lines: which marker paths exist, vdsm, dmidecode. */
export const VIRTUAL_PROBE = [
  'e=; for f in /proc/vz /proc/lve /proc/bc /.dockerenv /.dockerinit /proc/xen /dev/kvm /rhev; do [ -e "$f" ] && e="$e $f"; done; echo "exists=$e"',
  // a RHEV hypervisor runs vdsm (only looked for where /rhev exists)
  '[ -d /rhev/ ] && for f in /proc/[0-9]*/comm; do { read -r c < "$f"; } 2>/dev/null; case $c in vdsm|vdsmd) echo vdsm=1; break;; esac; done',
  // dmidecode -s system-product-name reads the SMBIOS field sysfs shows as product_name; root only
  'command -v dmidecode >/dev/null 2>&1 && [ "$uid" = 0 ] && echo dmidecode=1',
];

interface Found {
  type?: string;
  role?: string;
  found: boolean;
  guest: Set<string>;
  host: Set<string>;
}

/** A guest technology; the type (and role) only when nothing was found before. */
function guest(s: Found, tech: string, role: string | undefined = 'guest'): void {
  s.guest.add(tech);
  if (!s.found) {
    s.type = tech;
    if (role) s.role = role;
    s.found = true;
  }
}

function containers(s: Found, cgroup: string[], environ: string[], exists: Set<string>, systemd: string): void {
  for (const line of cgroup) {
    if (/\/docker(\/|-[0-9a-f]+\.scope)/.test(line)) guest(s, 'docker');
    if (/\/lxc\//.test(line) || /\/machine\.slice\/machine-lxc/.test(line)) guest(s, 'lxc');
    if (/\/system\.slice\/containerd\.service/.test(line)) guest(s, 'containerd');
  }
  // lxc sets container=lxc in PID 1's environment (readable by root); its variables run together
  // here, so `^container=.` of one is taken as container= anywhere (chosen: a variable whose
  // name ends in "container" would count too)
  for (const line of environ) {
    if (/container=lxc/.test(line)) guest(s, 'lxc');
    if (/container=podman/.test(line)) guest(s, 'podman');
    if (/container=./.test(line)) guest(s, 'container');
  }
  if (exists.has('/proc/vz') && !exists.has('/proc/lve')) {
    s.type = 'openvz';
    const host = exists.has('/proc/bc');
    (host ? s.host : s.guest).add('openvz');
    if (!s.found) s.role = host ? 'host' : 'guest';
    s.found = true;
  }
  if (systemd) guest(s, systemd);
  if (exists.has('/.dockerenv') || exists.has('/.dockerinit')) guest(s, 'docker');
  if (['docker', 'lxc', 'podman', 'openvz', 'containerd'].some((t) => s.guest.has(t)) || systemd)
    s.guest.add('container');
}

function xen(s: Found, exists: Set<string>, capabilities: string[]): void {
  if (!exists.has('/proc/xen')) return;
  const host = capabilities.some((l) => l.includes('control_d'));
  (host ? s.host : s.guest).add('xen');
  if (!s.found) [s.type, s.role] = ['xen', host ? 'host' : 'guest'];
  s.found = true;
}

/** The DMI checks; the role is assumed 'guest' for them, and taken back when none matched. */
function dmi(s: Found, dmiFile: (n: string) => string): void {
  const assumed = !s.found;
  if (assumed) s.role = 'guest';
  const [product, vendor, family, bios] = ['product_name', 'sys_vendor', 'product_family', 'bios_vendor'].map(dmiFile);
  const kind = (tech: string): void => guest(s, tech, undefined);
  if (['KVM', 'KVM Server', 'Bochs', 'AHV'].includes(product!)) kind('kvm');
  if (vendor === 'oVirt') kind('oVirt');
  if (vendor === 'Red Hat') {
    if (family === 'RHV') kind('RHV');
    else if (product === 'RHEV Hypervisor') kind('RHEV');
  }
  if (['VMware Virtual Platform', 'VMware7,1'].includes(product!)) kind('VMware');
  if (['OpenStack Compute', 'OpenStack Nova'].includes(product!)) kind('openstack');
  if (bios === 'Xen') kind('xen');
  if (bios === 'innotek GmbH') kind('virtualbox');
  if (['Amazon EC2', 'DigitalOcean', 'Hetzner'].includes(bios!)) kind('kvm');
  if (['QEMU', 'Amazon EC2', 'DigitalOcean', 'Google', 'Scaleway', 'Nutanix'].includes(vendor!)) kind('kvm');
  if (vendor === 'KubeVirt') kind('KubeVirt');
  if (vendor === 'Microsoft Corporation') kind('VirtualPC');
  if (vendor === 'Parallels Software International Inc.') kind('parallels');
  if (vendor === 'OpenStack Foundation') kind('openstack');
  if (!s.found) s.role = undefined;
}

function vserver(s: Found, vxid: string | undefined): void {
  if (vxid === undefined || !/^\d+/.test(vxid)) return;
  const host = /^0/.test(vxid);
  if (!s.found) [s.type, s.role] = ['linux_vserver', host ? 'host' : 'guest'];
  (host ? s.host : s.guest).add('linux_vserver');
  s.found = true;
}

const CPUINFO: [RegExp, string][] = [
  [/^model name.*QEMU Virtual CPU/, 'kvm'],
  [/^vendor_id.*User Mode Linux/, 'uml'],
  [/^model name.*UML/, 'uml'],
  [/^machine.*CHRP IBM pSeries .emulated by qemu./, 'kvm'],
  [/^vendor_id.*PowerVM Lx86/, 'powervm_lx86'],
  // s390 (PR/SM): the hypervisor lscpu names is not asked for (chosen): ibm_systemz, as where lscpu is missing
  [/^vendor_id.*IBM\/S390/, 'ibm_systemz'],
];

function cpuinfo(s: Found, lines: string[]): void {
  for (const line of lines) {
    const tech = CPUINFO.find(([re]) => re.test(line))?.[1];
    if (!tech) continue;
    if (tech === 'ibm_systemz') s.guest.add('PR/SM');
    s.guest.add(tech);
    if (!s.found) [s.type, s.role, s.found] = [tech, 'guest', true];
  }
}

function hostModules(s: Found, modules: string[] | undefined, vdsm: boolean): void {
  if (!modules) return;
  const names = new Set(modules.map((l) => l.split(' ')[0]));
  const host = (tech: string, role: string): void => {
    s.host.add(tech);
    if (!s.found) [s.type, s.role, s.found] = [tech, role, true];
  };
  if (names.has('kvm')) {
    s.host.add('kvm');
    if (!s.found) [s.type, s.role] = ['kvm', 'host'];
    if (vdsm) {
      s.host.add('RHEV');
      if (!s.found) s.type = 'RHEV';
    }
    s.found = true;
  }
  if (names.has('vboxdrv')) host('virtualbox', 'host');
  if (names.has('virtio')) {
    s.host.add('kvm');
    if (!s.found) [s.type, s.role, s.found] = ['kvm', 'guest', true];
  }
}

function dmidecode(s: Found, product: string): void {
  if (product.startsWith('VMware')) guest(s, 'VMware');
  if (product.includes('BHYVE')) guest(s, 'bhyve');
}

/** The virtualization facts from the files head read and the probe's answers. */
export function virtualFacts(files: Map<string, string[]>, single: Map<string, string>): [string, unknown][] {
  const s: Found = { found: false, guest: new Set(), host: new Set() };
  const exists = new Set((single.get('exists') ?? '').split(' ').filter(Boolean));
  // get_file_content strips; an empty file counts as none
  const content = (f: string): string => (files.get(f) ?? []).join('\n').trim();
  containers(
    s,
    files.get('/proc/1/cgroup') ?? [],
    files.get('/proc/1/environ') ?? [],
    exists,
    content('/run/systemd/container'),
  );
  xen(s, exists, files.get('/proc/xen/capabilities') ?? []);
  dmi(s, (n) => content(`${DMI_DIR}/${n}`));
  vserver(s, single.get('vxid'));
  cpuinfo(s, files.get('/proc/cpuinfo') ?? []);
  hostModules(s, files.get('/proc/modules'), single.has('vdsm'));
  if (single.has('dmidecode')) dmidecode(s, content(`${DMI_DIR}/product_name`));
  if (exists.has('/dev/kvm')) {
    s.host.add('kvm');
    if (!s.found) [s.type, s.role, s.found] = ['kvm', 'host', true];
  }
  if (!s.found) [s.type, s.role] = ['NA', 'NA'];
  return [
    ['virtualization_type', s.type],
    ...(s.role === undefined ? [] : [['virtualization_role', s.role] as [string, unknown]]),
    ['virtualization_tech_guest', [...s.guest]],
    ['virtualization_tech_host', [...s.host]],
  ];
}
