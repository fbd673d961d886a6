/**
 * A real OpenSSH server on loopback, run from a test root that has openssh-server and git: chrooted
 * into it inside a private mount namespace (its /proc and /dev binds vanish with it), accepting
 * root with one public key only. Repositories are paths inside that root.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { run } from '@yipts/test-fixtures';

export interface SshServer {
  readonly port: number;
  /** The server's host key, `ssh-ed25519 AAAA… comment`. */
  readonly hostKey: string;
  /** The only key it accepts (OpenSSH private key text). */
  readonly clientKey: string;
  /** What sshd printed (for a failing test). */
  log(): string;
  stop(): Promise<void>;
}

const START = String.raw`
root=$1; config=$2
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
exec chroot "$root" /usr/sbin/sshd -D -e -f "$config"
`;

/** `keysDir` is a host directory of the test for the client key pair. */
export async function startSshServer(root: string, keysDir: string): Promise<SshServer> {
  const port = await freePort();
  const hostKeyPath = join(root, 'etc/ssh/yipts_test_host_ed25519');
  const clientKeyPath = join(keysDir, 'client_ed25519');
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'test-host', '-f', hostKeyPath]);
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'test-client', '-f', clientKeyPath]);
  await writeFile(join(root, 'etc/ssh/yipts_test_authorized_keys'), await readFile(`${clientKeyPath}.pub`), { mode: 0o600 });
  await mkdir(join(root, 'run/sshd'), { recursive: true });
  await chmod(join(root, 'run/sshd'), 0o755);
  await writeFile(
    join(root, 'etc/ssh/yipts_test_sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      'HostKey /etc/ssh/yipts_test_host_ed25519',
      'AuthorizedKeysFile /etc/ssh/yipts_test_authorized_keys',
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'PidFile none',
      '',
    ].join('\n'),
  );
  const child = spawn('unshare', ['-m', '--propagation', 'private', 'sh', '-euc', START, 'sshd', root, '/etc/ssh/yipts_test_sshd_config'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
  const server: SshServer = {
    port,
    hostKey: (await readFile(`${hostKeyPath}.pub`, 'utf8')).trim(),
    clientKey: await readFile(clientKeyPath, 'utf8'),
    log: () => output,
    stop: () => stop(child),
  };
  try {
    await waitForPort(port, child, () => output);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`sshd exited (${child.exitCode}):\n${output()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`sshd did not listen on ${port}:\n${output()}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // gone
    }
  }, 5000);
  await exited;
  clearTimeout(timer);
}
