// The host's package manager as the pkg_mgr fact names it (module_utils/facts/system/pkg_mgr.py
// @ 2.14): the LAST manager of PKG_MGRS whose binary exists, then the OS family decides —
// Debian is always apt, RedHat dnf from major version 8 (Fedora from 23) else yum — and apt on a
// host whose rpm provides apt-get is apt_rpm. Used by package and yum when `use` is auto.
import type { ModuleContext } from '../define.js';
import { run } from './host-run.js';

const SCRIPT = `
m=unknown
for p in /usr/bin/rpm-ostree:atomic_container /usr/bin/yum:yum /usr/bin/dnf:dnf /usr/bin/apt-get:apt \\
  /usr/bin/zypper:zypper /usr/sbin/urpmi:urpmi /usr/bin/pacman:pacman /bin/opkg:opkg /sbin/apk:apk \\
  /usr/bin/emerge:portage /usr/bin/xbps-install:xbps /usr/bin/swupd:swupd; do
  [ -e "\${p%%:*}" ] && m="\${p#*:}"
done
. /etc/os-release 2>/dev/null
case " $ID $ID_LIKE " in
  *" debian "*|*" ubuntu "*) m=apt ;;
  *" rhel "*|*" centos "*|*" fedora "*|*" rocky "*|*" almalinux "*|*" ol "*)
    v=\${VERSION_ID%%.*}
    if [ -e /run/ostree-booted ]; then m=atomic_container
    elif [ "$ID" = fedora ]; then if [ "$v" -lt 23 ] 2>/dev/null; then [ -e /usr/bin/yum ] && m=yum; else [ -e /usr/bin/dnf ] && m=dnf; fi
    elif [ "$v" -lt 8 ] 2>/dev/null; then m=yum; else m=dnf; fi ;;
esac
if [ "$m" = apt ] && [ -e /usr/bin/rpm ] && /usr/bin/rpm -q --whatprovides /usr/bin/apt-get >/dev/null 2>&1; then m=apt_rpm; fi
echo "$m"`;

/** ansible_facts.pkg_mgr when known, else as the fact collector would find it on the host. */
export async function pkgMgr(ctx: ModuleContext): Promise<string> {
  const known = ctx.evaluate("ansible_facts.pkg_mgr | default('')");
  if (typeof known === 'string' && known) return known;
  return (await run(ctx, SCRIPT)).out.trim();
}
