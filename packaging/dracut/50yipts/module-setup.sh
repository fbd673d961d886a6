#!/bin/bash
# dracut module "yipts": puts the yip executable and the units of the two initrd stages
# (yipts-rootfs.service, yipts-initramfs.service) into the initrd and enables them there.
# Installed as /usr/lib/dracut/modules.d/50yipts/; the units are taken from the image's
# systemd unit directory, where the release tarball puts them.

# Included whenever the image has the executable.
check() {
    require_binaries /usr/bin/yip || return 1
    return 0
}

depends() {
    echo systemd
    return 0
}

install() {
    # A single executable: its shared libraries (glibc, libstdc++) come along through ldd.
    inst_binary /usr/bin/yip
    inst_symlink /usr/bin/yipts
    # What steps and the chroot of -chroot stages call, when the image has them.
    inst_multiple -o sh chroot mount umount blkid findmnt unshare setpriv
    inst_simple "${systemdsystemunitdir}/yipts-rootfs.service"
    inst_simple "${systemdsystemunitdir}/yipts-initramfs.service"
    mkdir -p "${initdir}${systemdsystemunitdir}/initrd-fs.target.requires" "${initdir}${systemdsystemunitdir}/initrd.target.requires"
    ln_r "${systemdsystemunitdir}/yipts-rootfs.service" "${systemdsystemunitdir}/initrd-fs.target.requires/yipts-rootfs.service"
    ln_r "${systemdsystemunitdir}/yipts-initramfs.service" "${systemdsystemunitdir}/initrd.target.requires/yipts-initramfs.service"
}
