using System.Text;

namespace MailSniffer.Decoders.Tls;

/// <summary>Reads the server_name extension (RFC 6066) out of a ClientHello record. Bounds-checked at every step.</summary>
public static class TlsClientHello
{
    /// <summary>The host name asked for, or null if <paramref name="record"/> is not a ClientHello carrying one.</summary>
    public static string? TryGetServerName(ReadOnlySpan<byte> record)
    {
        if (TlsRecordHeader.Recognize(record) != TlsRecognition.Tls || record[0] != 0x16) return null;
        var r = new Reader(record[TlsRecordHeader.Length..]);
        if (!r.Byte(out byte type) || type != 1) return null;
        if (!r.Skip(3 + 2 + 32)) return null;              // length, legacy_version, random
        if (!r.Vector(1, out _) || !r.Vector(2, out _) || !r.Vector(1, out _)) return null; // session id, suites, compression
        if (!r.Vector(2, out var extensions)) return null;
        var e = new Reader(extensions);
        while (e.U16(out int extType) && e.Vector(2, out var body))
        {
            if (extType != 0) continue;
            var s = new Reader(body);
            if (!s.Vector(2, out var list)) return null;
            var l = new Reader(list);
            while (l.Byte(out byte nameType) && l.Vector(2, out var name))
                if (nameType == 0) return Encoding.ASCII.GetString(name);
            return null;
        }
        return null;
    }

    private ref struct Reader
    {
        private ReadOnlySpan<byte> _data;
        public Reader(ReadOnlySpan<byte> data) => _data = data;

        public bool Byte(out byte b)
        {
            b = 0;
            if (_data.IsEmpty) return false;
            b = _data[0];
            _data = _data[1..];
            return true;
        }

        public bool U16(out int v)
        {
            v = 0;
            if (_data.Length < 2) return false;
            v = _data[0] << 8 | _data[1];
            _data = _data[2..];
            return true;
        }

        public bool Skip(int n)
        {
            if (_data.Length < n) return false;
            _data = _data[n..];
            return true;
        }

        public bool Vector(int lengthBytes, out ReadOnlySpan<byte> body)
        {
            body = default;
            if (_data.Length < lengthBytes) return false;
            int n = lengthBytes == 1 ? _data[0] : _data[0] << 8 | _data[1];
            if (_data.Length < lengthBytes + n) return false;
            body = _data.Slice(lengthBytes, n);
            _data = _data[(lengthBytes + n)..];
            return true;
        }
    }
}
