/** Node's names for CPUs, mapped to Go's GOARCH names, which yip configs and image indexes use. */
const GO_ARCH: Readonly<Record<string, string>> = {
  x64: 'amd64',
  arm64: 'arm64',
  arm: 'arm',
  ia32: '386',
  ppc64: 'ppc64le',
  s390x: 's390x',
  riscv64: 'riscv64',
  loong64: 'loong64',
};

/** The Go name of a Node.js architecture (`process.arch` by default); unknown names pass through. */
export function goArch(nodeArch: string = process.arch): string {
  return GO_ARCH[nodeArch] ?? nodeArch;
}
