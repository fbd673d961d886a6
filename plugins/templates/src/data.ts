/**
 * The data templates see: `.Values` (system facts, shaped as yip's sysinfo: node, os, kernel,
 * product, cpu, memory, ...), `.MachineID`, `.ProtectedID`, `.UUID` and `.Random`. Read once per
 * run, from the target root where the fact belongs to the image (os-release, machine-id) and
 * from the running machine where it belongs to the hardware.
 */
import { readFile } from 'node:fs/promises';
import { arch, cpus, hostname, release, totalmem, version } from 'node:os';
import type { RunContext } from '@yipts/core';
import { readOsRelease, resolveInRoot } from '@yipts/system';

export interface TemplateData {
  readonly Values: Record<string, unknown>;
  readonly MachineID: string;
  readonly ProtectedID: string;
  readonly UUID: string;
  readonly Random: string;
}

const GOARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386' };

async function readText(path: string): Promise<string> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch {
    return '';
  }
}

async function machineId(root: string): Promise<string> {
  for (const p of ['/etc/machine-id', '/var/lib/dbus/machine-id']) {
    const id = await readText(await resolveInRoot(root, p));
    if (id) return id;
  }
  // The image may not have one yet (first boot); the host's is the machine's identity then.
  return (await readText('/etc/machine-id')) || (await readText('/var/lib/dbus/machine-id'));
}

/** A random string of digits and lower-case letters, as yip's `.Random` (no upper case). */
export function randomString(bytes: Uint8Array): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

export async function collectTemplateData(run: RunContext): Promise<TemplateData> {
  // Loaded here, not at start-up: most stage runs render no template at all.
  const { createHmac, randomBytes, randomUUID } = await import('node:crypto');
  const root = run.options.root;
  const [os, id, productUuid, productName, productVendor, productSerial, boardVendor, boardName, chassisType] = await Promise.all([
    readOsRelease(root),
    machineId(root),
    readText('/sys/class/dmi/id/product_uuid'),
    readText('/sys/class/dmi/id/product_name'),
    readText('/sys/class/dmi/id/sys_vendor'),
    readText('/sys/class/dmi/id/product_serial'),
    readText('/sys/class/dmi/id/board_vendor'),
    readText('/sys/class/dmi/id/board_name'),
    readText('/sys/class/dmi/id/chassis_type'),
  ]);
  const cpuList = cpus();
  const goArch = GOARCH[arch()] ?? arch();
  const values = {
    node: { hostname: hostname(), machineid: id, timezone: process.env.TZ ?? '' },
    os: {
      name: os.ID ?? '',
      vendor: os.ID ?? '',
      version: os.VERSION_ID ?? '',
      release: os.VERSION_ID ?? '',
      pretty_name: os.PRETTY_NAME ?? '',
      architecture: goArch,
    },
    kernel: { release: release(), version: version(), architecture: goArch },
    product: { name: productName, vendor: productVendor, serial: productSerial, uuid: productUuid },
    board: { name: boardName, vendor: boardVendor },
    chassis: { type: chassisType },
    cpu: {
      vendor: '',
      model: cpuList[0]?.model ?? '',
      speed: cpuList[0]?.speed ?? 0,
      cpus: 1,
      cores: cpuList.length,
      threads: cpuList.length,
    },
    memory: { size: Math.round(totalmem() / (1024 * 1024)) },
  };
  return {
    Values: values,
    MachineID: id,
    // A keyed hash of the machine id, so configs can name a machine without exposing its id.
    ProtectedID: id ? createHmac('sha256', id).update('yip').digest('hex') : '',
    UUID: productUuid || randomUUID(),
    Random: randomString(randomBytes(32)),
  };
}
