"""The hostile-input corpus: well over 100 damaged, lying or dangerous inputs, written into a folder.

Everything is generated (nothing binary is committed): truncated, empty and garbage versions of
every format we import, XML bombs and oversized tags, lying pictures and audio headers, wrong
extensions, links, FIFOs and file names holding control characters.  Sizes stay small; the XML
token limit is lowered for the run (TOKEN_LIMIT below) so "oversized" stays cheap.
"""

from __future__ import annotations

import base64
import os
import random
import shutil
import sqlite3
import struct
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import hostile_dbs as dbs
import hostile_images as images
from backup_gen import write_calls
from import_paths import SAMPLES
from mutations import seeded_mutations

TOKEN_LIMIT = 64 * 1024  # PAPERTRAIL_XML_TOKEN_LIMIT for the run: "oversized" tags are 200 KB, not 50 MB
BIG = TOKEN_LIMIT * 3
DECL = b"<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"
SMS = b'<sms address="10086" date="1710165667512" type="1" body="%s"/>\n'
CALL = b'<call number="17000001111" duration="30" date="%d" type="1" contact_name="x"/>\n'
RECORDING = "17000001111_20240312091203"  # a recording name that gives a number and a time


@dataclass(frozen=True)
class Item:
    """One input to import: a path inside the corpus folder, and whether only a real process may run it."""

    path: Path
    subprocess_only: bool = False  # FIFOs: an in-process hang could not be stopped cleanly


def _calls(n: int, start: int = 1_710_000_000_000) -> bytes:
    return DECL + b'<calls count="%d">\n' % n + b"".join(CALL % (start + i * 60_000) for i in range(n)) + b"</calls>\n"


def _smses(*bodies: bytes) -> bytes:
    return DECL + b"<smses>\n" + b"".join(SMS.replace(b"1710165667512", b"%d" % (1710165667512 + i * 1000))
                                          % body for i, body in enumerate(bodies)) + b"</smses>\n"


_INSERTS = [b"<", b">", b"&", b"&#1;", b'"', b"\x00", b"\xff\xfe", b"<!--", b"]]>", b"&#55357;", b"\n", b"\r",
            b"<calls>", b"</sms>", b"'", b",", b"\xe4\xb8"]


def _mutations(source: bytes, seed: int, count: int) -> list[bytes]:
    """`count` copies of `source`, each damaged a few times over (the importer fuzz tests' damage)."""
    return seeded_mutations(source, _INSERTS, seed, count)


def _wav(path: Path, rate: int = 8000, frames: int = 800) -> None:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(b"\x00\x00" * frames)


def _sqlite_bytes(make: Callable[[Path], Path], folder: Path) -> bytes:
    scratch = folder / ".scratch.db"
    scratch.unlink(missing_ok=True)
    data = make(scratch).read_bytes()
    scratch.unlink()
    return data


def write_corpus(folder: Path) -> list[Item]:
    """Write the corpus into `folder` (created) and list its inputs, one import each."""
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {}

    # --- SMS Backup & Restore XML -------------------------------------------------------------
    good_calls = write_calls(folder / ".calls-source.xml", 40).read_bytes()
    (folder / ".calls-source.xml").unlink()
    good_sms = (SAMPLES / "sbr" / "sms-20240314201507.xml").read_bytes()
    files["calls-valid.xml"] = good_calls
    files["calls-empty.xml"] = b""
    files["calls-whitespace.xml"] = b" \n\t\n"
    files["calls-garbage.xml"] = random.Random(1).randbytes(4096)
    files["calls-decl-only.xml"] = DECL
    files["calls-root-only.xml"] = DECL + b"<calls>"
    for n, cut in enumerate((10, 60, 200, 777, len(good_calls) // 2, len(good_calls) - 3)):
        files[f"calls-cut-{n}.xml"] = good_calls[:cut]
    for n, data in enumerate(_mutations(good_calls[:3000], seed=11, count=12)):
        files[f"calls-mutated-{n:02}.xml"] = data
    for n, cut in enumerate((100, len(good_sms) // 3, len(good_sms) - 10)):
        files[f"sms-cut-{n}.xml"] = good_sms[:cut]
    for n, data in enumerate(_mutations(good_sms, seed=12, count=10)):
        files[f"sms-mutated-{n:02}.xml"] = data
    files["sms-billion-laughs.xml"] = (
        b'<?xml version="1.0"?>\n<!DOCTYPE smses [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&%s;" % bytes([97 + i])) * 10) for i in range(9))
        + b"]>\n<smses>" + SMS % b"&j;" + b"</smses>\n")
    files["sms-quadratic-blowup.xml"] = (b'<?xml version="1.0"?>\n<!DOCTYPE smses [<!ENTITY a "' + b"x" * 5000
                                        + b'">]>\n<smses>' + SMS % (b"&a;" * 2000) + b"</smses>\n")
    files["sms-xxe.xml"] = (b'<?xml version="1.0"?>\n<!DOCTYPE smses [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
                            b"<smses>" + SMS % b"&x;" + b"</smses>\n")
    files["sms-external-dtd.xml"] = (b'<?xml version="1.0"?>\n<!DOCTYPE smses SYSTEM "http://example.invalid/x.dtd">'
                                     b"\n<smses>" + SMS % b"hi" + b"</smses>\n")
    files["sms-deep-nesting.xml"] = DECL + b"<smses>" + SMS % b"ok" + b"<a>" * 50_000 + b"</a>" * 50_000 + b"</smses>"
    files["sms-deep-root.xml"] = DECL + b"<smses>" * 20_000 + b"</smses>" * 20_000
    files["sms-huge-body.xml"] = _smses(b"before", b"A" * BIG, b"after")
    files["sms-huge-attribute-name.xml"] = DECL + b"<smses><sms " + b"a" * BIG + b'="1"/></smses>'
    files["sms-huge-tag-name.xml"] = DECL + b"<smses><" + b"s" * BIG + b"/></smses>"
    files["sms-huge-text.xml"] = DECL + b"<smses>" + SMS % b"ok" + b"t" * BIG + SMS % b"ok2" + b"</smses>"
    files["sms-huge-comment.xml"] = DECL + b"<smses><!--" + b"c" * BIG + b"-->" + SMS % b"ok" + b"</smses>"
    files["sms-huge-unclosed.xml"] = DECL + b"<smses>" + SMS % b"ok" + b'<sms body="' + b"B" * BIG
    files["sms-huge-mms-part.xml"] = (
        DECL + b'<smses><mms date="1710165668512" msg_box="1" address="10086"><parts>'
        b'<part seq="0" ct="text/plain" text="see"/><part seq="1" ct="image/png" name="p.png" data="'
        + b"QUFB" * (BIG // 4) + b'"/></parts><addrs><addr address="10086" type="137"/></addrs></mms>'
        + SMS % b"after" + b"</smses>")
    bomb_part = images.png_declaring(50000, 50000)
    files["sms-mms-png-bomb.xml"] = (
        DECL + b'<smses><mms date="1710165668512" msg_box="1" address="10086"><parts>'
        b'<part seq="1" ct="image/png" name="bomb.png" data="' + base64.b64encode(bomb_part)
        + b'"/></parts><addrs><addr address="10086" type="137"/></addrs></mms></smses>')
    files["sms-mms-bad-base64.xml"] = (
        DECL + b'<smses><mms date="1710165668512" msg_box="1" address="10086"><parts>'
        b'<part seq="1" ct="image/jpeg" name="x.jpg" data="!!!notbase64!!!"/></parts></mms></smses>')
    files["sms-bad-refs.xml"] = _smses(b"a&#1;b", b"c&#xFFFFFFF;d", b"&#0;", b"&#xD800;", b"&#99999999999;")
    files["sms-surrogates.xml"] = _smses(b"&#55357;&#56832;", b"&#56832;&#55357;")
    files["sms-utf16-le.xml"] = b"\xff\xfe" + _smses(b"hi", b"&#1;").replace(
        b"UTF-8", b"UTF-16").decode().encode("utf-16-le")
    files["sms-utf16-be.xml"] = b"\xfe\xff" + _smses(b"hi").replace(b"UTF-8", b"UTF-16").decode().encode("utf-16-be")
    files["sms-utf16-odd.xml"] = (b"\xff\xfe" + _smses(b"hi").replace(b"UTF-8", b"UTF-16").decode()
                                  .encode("utf-16-le"))[:-1]
    files["sms-utf32.xml"] = _smses(b"hi").replace(b"UTF-8", b"UTF-32").decode().encode("utf-32")
    files["sms-unknown-encoding.xml"] = _smses(b"hi").replace(b"UTF-8", b"x-klingon")
    files["sms-latin1-declared-utf8.xml"] = _smses(b"caf\xe9")
    files["sms-nul.xml"] = _smses(b"a\x00b")
    files["sms-wrong-root.xml"] = DECL + b"<calls>" + SMS % b"x" + b"</calls>"
    files["sms-cdata.xml"] = DECL + b"<smses><![CDATA[<sms/>]]>" + SMS % b"ok" + b"</smses>"
    files["sms-junk-after-root.xml"] = _smses(b"ok") + b"<smses/>junk"
    files["sms-zip.xml"] = b"PK\x03\x04" + b"\x00" * 200
    files["sms-bad-dates.xml"] = DECL + b"<smses>" + b"".join(
        b'<sms address="1" date="%s" type="1" body="x"/>' % d
        for d in (b"", b"null", b"-1", b"1e308", b"nan", b"inf", b"99999999999999999999999", b"abc")) + b"</smses>"
    files["calls-bad-fields.xml"] = DECL + b"<calls>" + b"".join(
        b'<call number="%s" duration="%s" date="1710165667512" type="%s"/>' % v
        for v in ((b"", b"-5", b"1"), (b"\xe2\x80\xae123", b"1e99", b"99"), (b"a" * 5000, b"abc", b"-1"))) + b"</calls>"
    files["oppo-callrecord_backup.xml"] = (SAMPLES / "oppo" / "callrecord_backup.xml").read_bytes()[:300]

    # --- vendor text formats -------------------------------------------------------------------
    vmsg = (SAMPLES / "oppo" / "sms.vmsg").read_bytes()
    files["sms-cut.vmsg"] = vmsg[: len(vmsg) // 2]
    files["sms-no-end.vmsg"] = b"BEGIN:VMSG\nVERSION:1.1\nBEGIN:VBODY\nDate:2024/03/01 10:00:00\nSubject;ENCODING=" \
                               b"QUOTED-PRINTABLE:=E5=G\n"
    files["sms-garbage.vmsg"] = b"BEGIN:VMSG\n" + random.Random(3).randbytes(2000)

    # --- CSV -----------------------------------------------------------------------------------
    head = b"time,number,body\n"
    files["messages-mixed-encodings.csv"] = (head + "2024-03-01 10:00,10086,你好\n".encode()
                                             + "2024-03-01 11:00,10086,催收\n".encode("gb18030"))
    files["messages-unclosed-quote.csv"] = head + b'2024-03-01 10:00,1,"open\n2024-03-01 11:00,2,x\n'
    files["messages-header-only.csv"] = head
    files["messages-nul.csv"] = head + b"2024-03-01 10:00,1,a\x00b\n"
    files["messages-huge-field.csv"] = head + b'2024-03-01 10:00,1,"' + b"x" * 200_000 + b'"\n'
    files["messages-utf16.csv"] = "\ufefftime,number,body\n2024-03-01 10:00,1,hi\n".encode("utf-16-le")
    files["messages-bad-times.csv"] = head + b"".join(
        b"%s,1,x\n" % t for t in (b"", b"0000-00-00 00:00", b"9999-99-99", b"99999999999999", b"-1", b"1e400"))
    files["messages-ragged.csv"] = head + b"2024-03-01 10:00\n2024-03-01 10:00,1,2,3,4,5\n,,\n"
    files["messages-one-column.csv"] = b"just one column\nvalue\n"
    files["messages-binary.csv"] = random.Random(4).randbytes(3000)
    memotrace = (SAMPLES / "wechat" / "催收-某某金融_utf8.csv").read_bytes()
    files["wechat-cut.csv"] = memotrace[: len(memotrace) // 2]
    files["wechat-bad-types.csv"] = memotrace.split(b"\n")[0] + b"\n" + b",".join([b"x"] * 12) + b"\n"
    imazing = (SAMPLES / "imazing" / "Messages - +86 170 0000 1111.csv").read_bytes()
    files["imazing-mutated.csv"] = _mutations(imazing, seed=5, count=1)[0]

    # --- SQLite databases -------------------------------------------------------------------------
    files["CallHistory-valid.storedata"] = _sqlite_bytes(lambda p: dbs.ios_calls(p), folder)
    files["CallHistory-no-address.storedata"] = _sqlite_bytes(lambda p: dbs.ios_calls(p, address=False), folder)
    files["CallHistory-duration-abc.storedata"] = _sqlite_bytes(lambda p: dbs.ios_calls(p, duration="abc"), folder)
    files["CallHistory-duration-blob.storedata"] = _sqlite_bytes(lambda p: dbs.ios_calls(p, duration=b"\x00"), folder)
    files["CallHistory-duration-huge.storedata"] = _sqlite_bytes(lambda p: dbs.ios_calls(p, duration=1e300), folder)
    files["sms-no-text.db"] = _sqlite_bytes(lambda p: dbs.ios_sms(p, text=False), folder)
    files["sms-valid.db"] = _sqlite_bytes(lambda p: dbs.ios_sms(p), folder)
    files["calllog-no-number.db"] = _sqlite_bytes(lambda p: dbs.huawei_calls(p, number=False), folder)
    files["calllog-valid.db"] = _sqlite_bytes(lambda p: dbs.huawei_calls(p), folder)

    def weird_values(path: Path) -> Path:
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE ZCALLRECORD (ZDATE, ZADDRESS, ZDURATION, ZORIGINATED, ZANSWERED, ZNAME, "
                         "ZSERVICE_PROVIDER)")
            conn.executemany("INSERT INTO ZCALLRECORD VALUES (?,?,?,?,?,?,?)", [
                ("not a date", "1", 1, 0, 0, None, None), (1e300, b"\xff\xfe", -1, "x", "y", b"\x00", 5),
                (-1e300, None, None, None, None, None, None), (732000000, 12345, "1e5", 1, 1, "\u202ename", "x")])
        return path
    files["CallHistory-weird-values.storedata"] = _sqlite_bytes(weird_values, folder)

    def huawei_weird(path: Path) -> Path:
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE sms_tb (address, date, type, body)")
            conn.executemany("INSERT INTO sms_tb VALUES (?,?,?,?)", [
                (None, None, None, None), (b"\x00", "x", "y", b"\xff"), (1, 1710165667512, 1, 12)])
        return path
    files["sms-huawei-weird.db"] = _sqlite_bytes(huawei_weird, folder)

    def quoted_table(path: Path) -> Path:
        with sqlite3.connect(path) as conn:
            conn.execute('CREATE TABLE "we""ird" (x)')
        return path
    files["unknown-tables.db"] = _sqlite_bytes(quoted_table, folder)
    valid_ios = files["CallHistory-valid.storedata"]
    files["CallHistory-truncated.storedata"] = valid_ios[:1500]
    files["CallHistory-header-only.storedata"] = valid_ios[:100]
    files["CallHistory-garbage-pages.storedata"] = valid_ios[:100] + random.Random(6).randbytes(len(valid_ios) - 100)
    files["sms-encrypted.db"] = random.Random(7).randbytes(8192)
    files["Manifest.db"] = b"\x8f" * 4096

    # --- recordings ------------------------------------------------------------------------------
    _wav(folder / f"{RECORDING}.wav")
    _wav(folder / "17000001111_20240312091204.wav", rate=8000, frames=0)
    wav = (folder / f"{RECORDING}.wav").read_bytes()
    files["17000001111_20240312091205.wav"] = wav[:30]
    files["17000001111_20240312091206.wav"] = wav[:24] + struct.pack("<I", 0) + wav[28:]  # a zero sample rate
    files["17000001111_20240312091207.m4a"] = b"\x00\x00\x00\x18ftypM4A " + random.Random(8).randbytes(500)
    files["17000001111_20240312091208.amr"] = b"#!AMR\n" + bytes(range(256)) * 4
    files["17000001111_20240312091209.mp3"] = b"ID3\x04\x00\x00\x7f\x7f\x7f\x7f" + b"\x00" * 100
    files["17000001111_20240312091210.mp3"] = images.png_declaring(10, 10)  # a picture named as a recording
    files["17000001111_20240312091211.amr"] = b""
    files["holiday.mp3"] = b"ID3" + b"\x00" * 50

    # --- pictures --------------------------------------------------------------------------------
    files["IMG_20240314_201501.png"] = images.png_declaring(50000, 50000)
    files["IMG_20240314_201502.png"] = images.png_declaring(10000, 10000)
    files["IMG_20240314_201503.png"] = images.png_declaring(100, 100)[:40]
    files["IMG_20240314_201504.jpg"] = images.jpeg_with_exif(offset="+99:99")
    files["IMG_20240314_201505.jpg"] = images.jpeg_with_exif("0001:01:01 00:00:00")
    files["IMG_20240314_201506.jpg"] = images.jpeg_with_exif("9999:12:31 23:59:59")
    files["IMG_20240314_201507.jpg"] = images.jpeg_corrupt_exif()
    files["IMG_20240314_201508.jpg"] = b"\xff\xd8\xff\xe0" + random.Random(9).randbytes(1000)
    files["IMG_20240314_201509.jpg"] = b"this is only text\n"
    files["IMG_20240314_201510.heic"] = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 100
    files["IMG_20240314_201511.gif"] = b"GIF89a\xff\xff\xff\xff" + b"\x00" * 20
    files["IMG_20240314_201512.webp"] = b"RIFF\x20\x00\x00\x00WEBPVP8 " + b"\xff" * 24
    files["IMG_20240314_201513.bmp"] = b"BM" + struct.pack("<IHHIIiiHH", 70, 0, 0, 54, 40, 100000, 100000, 1, 24)
    files["IMG_20240314_201514.jpg"] = images.jpeg_with_exif("2024:13:45 99:99:99")
    files["IMG_20240314_201515.jpg"] = images.jpeg_with_exif("\x00\x00\x00")
    files["screenshot.png"] = images.png_declaring(8, 8)  # no time in its name: the file's date is used

    # --- wrong extensions --------------------------------------------------------------------------
    files["calls-as-picture.jpg"] = good_calls[:2000] + b"</calls>"
    files["calls-as.csv"] = good_calls[:2000]
    files["database-as.xml"] = files["sms-valid.db"]
    files["zip-as.csv"] = b"PK\x03\x04" + b"\x00" * 100
    files["pdf-as.xml"] = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"
    files["no-extension"] = good_calls[:1500]

    # --- names that attack the terminal --------------------------------------------------------------
    files["\x1b[2Jcleared.xml"] = b"<unknown/>"
    files["forged\npapertrail: 0 imported.xml"] = _smses(b"x")
    files["IMG_20240314_201516\u202egpj.exe"] = b"MZ\x90\x00"
    files["\u2066isolate\u2069\x9b31m.csv"] = head
    files["x" * 240 + ".xml"] = b"<smses/>"

    for name, data in files.items():
        (folder / name).write_bytes(data)
    items = [Item(folder / name) for name in sorted(files)]
    items += [Item(folder / f"{RECORDING}.wav"), Item(folder / "17000001111_20240312091204.wav")]

    # --- links, FIFOs, folders ---------------------------------------------------------------------
    (folder / "link-to-passwd.jpg").symlink_to("/etc/passwd")
    (folder / "dangling-link.xml").symlink_to(folder / "no-such-file.xml")
    (folder / "loop-a.xml").symlink_to(folder / "loop-b.xml")
    (folder / "loop-b.xml").symlink_to(folder / "loop-a.xml")
    items += [Item(folder / n) for n in ("link-to-passwd.jpg", "dangling-link.xml", "loop-a.xml")]
    unreadable = folder / "unreadable.xml"
    unreadable.write_bytes(good_calls[:1000])
    unreadable.chmod(0)
    items.append(Item(unreadable))
    phone = folder / "phone-folder"
    (phone / "sub").mkdir(parents=True)
    shutil.copy(SAMPLES / "sbr" / "calls-20240314201507.xml", phone / "calls-20240314201507.xml")
    (phone / "IMG_20240314_201517.jpg").symlink_to("/etc/passwd")
    (phone / "outside.xml").symlink_to(folder / "calls-valid.xml")
    (phone / "back-up").symlink_to(folder)
    (phone / "sub" / "Manifest.db").write_bytes(b"\x8f" * 4096)
    items.append(Item(phone))
    fake_backup = folder / "iphone-backup"
    fake_backup.mkdir()
    (fake_backup / "Manifest.db").write_bytes(b"\x8f" * 4096)
    items.append(Item(fake_backup))
    items.append(Item(folder / "empty-folder"))
    (folder / "empty-folder").mkdir()
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "fifo.xml")
        (folder / "fifo-link.xml").symlink_to(folder / "fifo.xml")
        fifo_folder = folder / "folder-with-fifo"
        fifo_folder.mkdir()
        os.mkfifo(fifo_folder / "calls-20240101000000.xml")
        shutil.copy(SAMPLES / "sbr" / "sms-20240314201507.xml", fifo_folder / "sms-20240314201507.xml")
        items += [Item(folder / n, subprocess_only=True) for n in ("fifo.xml", "fifo-link.xml", "folder-with-fifo")]
    return items
