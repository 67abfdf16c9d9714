// Modules the user brings: the `library/` directory beside each playbook and inside each role
// (ansible-core adds them as it loads them: add_all_plugin_dirs) and the configured module path
// (ANSIBLE_LIBRARY, DEFAULT_MODULE_PATH). The adjacent directories are searched first
// (PluginLoader._get_paths: extra dirs, then configured paths), so a module there overrides a
// builtin of the same name, as in Ansible.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

// module file names a short name may have (PluginLoader's module suffixes; no PowerShell)
const SUFFIXES = ['', '.py', '.sh'];

export class ModuleLibrary {
  private readonly adjacent: string[] = [];
  // each task asks once or twice: answers kept until a directory is added (PluginLoader keeps
  // its _plugin_path_cache the same way)
  private readonly found = new Map<string, string | undefined>();

  constructor(private readonly configured: readonly string[] = []) {}

  /** Adds `<base>/library` when it exists (a playbook's directory or a role's path). */
  addPluginDirs(base: string): void {
    const dir = join(base, 'library');
    if (!this.adjacent.includes(dir) && isDir(dir)) {
      this.adjacent.push(dir);
      this.found.clear();
    }
  }

  /** The file of the module `name`, or undefined when no library has it. */
  find(name: string): string | undefined {
    if (this.found.has(name)) return this.found.get(name);
    const file = this.search(name);
    this.found.set(name, file);
    return file;
  }

  private search(name: string): string | undefined {
    const short = name.replace(/^ansible\.legacy\./, '');
    if (short.includes('.') || short.includes('/')) return undefined;
    for (const dir of [...this.adjacent, ...this.configured]) {
      for (const suffix of SUFFIXES) {
        const file = join(dir, `${short}${suffix}`);
        if (existsSync(file) && statSync(file).isFile()) return file;
      }
    }
    return undefined;
  }
}

function isDir(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}
