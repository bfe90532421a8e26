"""The addresses of this computer the room's server can listen on, in words a facilitator
recognises ("Wi-Fi · 192.168.1.23"), the local network's first."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtNetwork import QAbstractSocket, QNetworkInterface

_UP = QNetworkInterface.InterfaceFlag.IsUp
_RUNNING = QNetworkInterface.InterfaceFlag.IsRunning
_LOOPBACK = QNetworkInterface.InterfaceFlag.IsLoopBack
_IPV4 = QAbstractSocket.NetworkLayerProtocol.IPv4Protocol
_KINDS = {
    QNetworkInterface.InterfaceType.Wifi: "Wi-Fi",
    QNetworkInterface.InterfaceType.Ethernet: "Cable",
    QNetworkInterface.InterfaceType.Loopback: "This computer only",
}


@dataclass(frozen=True)
class Interface:
    address: str
    words: str  # what the list shows
    loopback: bool


def interfaces() -> list[Interface]:
    """Every IPv4 address of an interface that is up: the network's first, loopback last."""
    found = []
    for interface in QNetworkInterface.allInterfaces():
        flags = interface.flags()
        if not (flags & _UP and flags & _RUNNING):
            continue
        loopback = bool(flags & _LOOPBACK)
        kind = _KINDS.get(interface.type(), "Network")
        for entry in interface.addressEntries():
            ip = entry.ip()
            if ip.protocol() != _IPV4:
                continue
            name = interface.humanReadableName()
            words = f"{kind} · {ip.toString()}" + ("" if loopback else f" ({name})")
            found.append(Interface(ip.toString(), words, loopback))
    if not any(i.loopback for i in found):
        found.append(Interface("127.0.0.1", "This computer only · 127.0.0.1", True))
    return sorted(found, key=lambda i: i.loopback)


def default_address() -> str:
    """The first address on the local network, or this computer's own if there is none."""
    return interfaces()[0].address
