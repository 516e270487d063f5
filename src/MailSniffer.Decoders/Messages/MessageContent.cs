using System.Buffers;
using System.Security.Cryptography;

namespace MailSniffer.Decoders.Messages;

/// <summary>
/// The exact bytes of one transferred message, built by appending. Held in memory up to a threshold, then spilled to a
/// temporary file so that a 1 GB attachment costs disk, not RAM. The SHA-256 is computed while appending.
/// Dispose deletes the spill file.
/// </summary>
public sealed class MessageContent : IDisposable
{
    public const int DefaultSpillThreshold = 4 * 1024 * 1024;

    private readonly int _spillThreshold;
    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] _buffer;
    private int _bufferLength;
    private FileStream? _spill;
    private byte[]? _hash;

    public MessageContent(int spillThreshold = DefaultSpillThreshold, int initialCapacity = 4096)
    {
        _spillThreshold = spillThreshold;
        _buffer = new byte[Math.Min(initialCapacity, Math.Max(spillThreshold, 16))];
    }

    public static MessageContent FromBytes(ReadOnlySpan<byte> bytes)
    {
        var c = new MessageContent(initialCapacity: Math.Max(bytes.Length, 16));
        c.Append(bytes);
        c.Seal();
        return c;
    }

    public long Length { get; private set; }
    public bool IsSealed => _hash != null;
    public bool IsSpilled => _spill != null;

    public void Append(ReadOnlySpan<byte> data)
    {
        if (_hash != null) throw new InvalidOperationException("Content is sealed.");
        if (data.IsEmpty) return;
        _sha.AppendData(data);
        Length += data.Length;
        if (_spill != null) { _spill.Write(data); return; }
        if ((long)_bufferLength + data.Length > _spillThreshold)
        {
            string path = Path.Combine(Path.GetTempPath(), $"mailsniffer-{Environment.ProcessId}-{Guid.NewGuid():N}.msg");
            _spill = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 1 << 16, FileOptions.DeleteOnClose);
            _spill.Write(_buffer, 0, _bufferLength);
            _spill.Write(data);
            _buffer = Array.Empty<byte>();
            _bufferLength = 0;
            return;
        }
        if (_bufferLength + data.Length > _buffer.Length)
            Array.Resize(ref _buffer, (int)Math.Min(_spillThreshold, Math.Max((long)_buffer.Length * 2, _bufferLength + data.Length)));
        data.CopyTo(_buffer.AsSpan(_bufferLength));
        _bufferLength += data.Length;
    }

    /// <summary>No more bytes will come; fixes the hash.</summary>
    public void Seal()
    {
        if (_hash != null) return;
        _hash = _sha.GetHashAndReset();
        _spill?.Flush();
    }

    /// <summary>SHA-256 of the exact bytes, lowercase hex.</summary>
    public string Sha256Hex
    {
        get { Seal(); return Convert.ToHexStringLower(_hash!); }
    }

    /// <summary>A fresh read-only stream over the bytes (safe to call several times).</summary>
    public Stream OpenRead()
    {
        Seal();
        if (_spill == null) return new MemoryStream(_buffer, 0, _bufferLength, writable: false);
        return new FileStream(_spill.Name, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
    }

    /// <summary>All bytes in memory; for small messages and tests. Throws above 256 MiB.</summary>
    public byte[] ToArray()
    {
        if (Length > 256L * 1024 * 1024) throw new InvalidOperationException("Message too large to load whole; use OpenRead().");
        if (_spill == null) return _buffer.AsSpan(0, _bufferLength).ToArray();
        using var s = OpenRead();
        var result = new byte[Length];
        s.ReadExactly(result);
        return result;
    }

    public void Dispose()
    {
        _spill?.Dispose();
        _spill = null;
        _sha.Dispose();
    }
}
