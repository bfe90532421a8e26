"""A room of simulated phones, run as a process of its own (phones are other machines): each
joins, then sends its pieces, connections and votes as fast as the room's server answers,
resending after a "wait" (429) as the phone page does. Prints, as JSON, when each was sent.

    python -m benchmarks.room_phones ADDRESS PHONES EACH
"""

from __future__ import annotations

import asyncio
import json
import sys
import time

import aiohttp

VOTES = 3  # dots each phone gives, besides its contributions


async def send(client, url: str, body: dict) -> dict:
    while True:
        async with client.post(url, json=body) as answer:
            if answer.status != 429:
                return await answer.json()
            await asyncio.sleep(float(answer.headers.get("Retry-After", "1")))


async def phone(address: str, n: int, each: int, sent: dict) -> None:
    # Each phone has its own address on the Wi-Fi: here one of 127.0.0.0/8.
    connector = aiohttp.TCPConnector(local_addr=(f"127.0.{n // 200}.{10 + n % 200}", 0))
    async with aiohttp.ClientSession(connector=connector) as client:
        me = (await send(client, address + "api/join", {}))["participant"]
        view = await send(client, address + "api/view", {"participant": me})
        refs = [p["ref"] for p in view["pieces"]]
        for i in range(each):
            label = f"Phone {n} piece {i}"
            body = {"participant": me, "key": f"k{i}", "label": label,
                    "block": view["blocks"][i % len(view["blocks"])]["key"],
                    "connects": refs[i % len(refs):i % len(refs) + 1]}
            sent[label] = time.monotonic()
            await send(client, address + "api/piece", body)
        for i in range(VOTES):
            await send(client, address + "api/vote", {"participant": me, "dots": 1,
                                                      "target": refs[(n + i) % len(refs)]})


async def room(address: str, phones: int, each: int) -> dict:
    sent: dict[str, float] = {}
    await asyncio.gather(*(phone(address, n, each, sent) for n in range(phones)))
    return sent


if __name__ == "__main__":
    address, phones, each = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    print(json.dumps(asyncio.run(room(address, phones, each))))
