using System.Buffers;
using System.Security.Cryptography;

namespace MailSniffer.Decoders.Messages;

/// <summary>
/// The exact bytes of one transferred message, built by appending. Held in memory up to a threshold, then spilled to a
/// temporary file so that a 1 GB attachment costs disk, not RAM. The SHA-256 is computed while appending, a whole chunk
/// at a time: decoders append line by line, and hashing each 76-byte line through its own call into OpenSSL cost twice
/// as much as hashing the same bytes in 64 KiB blocks.
/// Dispose deletes the spill file and gives the memory back.
/// </summary>
/// <remarks>
/// In memory the bytes sit in a small first chunk of its own followed by pooled chunks of <see cref="ChunkSize"/>:
/// growing by doubling one array copied every byte about twice more and kept allocating fresh large-object arrays,
/// which cost more than hashing the bytes. Pooled chunks are returned on Dispose, so nothing may read the content
/// after that (streams opened earlier then throw <see cref="ObjectDisposedException"/>).
/// </remarks>
public sealed class MessageContent : IDisposable
{
    public const int DefaultSpillThreshold = 4 * 1024 * 1024;

    /// <summary>Size of every chunk after the first: below the large-object heap threshold, and a size the shared pool keeps.</summary>
    internal const int ChunkSize = 64 * 1024;

    /// <summary>
    /// Chunks come from a pool of their own: they are taken on the decoding thread and given back on the model's, and
    /// the shared pool keeps too few per thread for the messages in flight between the two, so the rest became garbage
    /// that lived long enough to reach the oldest generation. 512 chunks (32 MiB) are kept at most: the two-stage
    /// pipeline holds up to about 20 MiB of messages between its threads, and chunks beyond the pool are garbage.
    /// </summary>
    private static readonly ArrayPool<byte> Chunks = ArrayPool<byte>.Create(ChunkSize, 512);

    private readonly int _spillThreshold;
    // Held only while bytes arrive (given back when sealed), so the few contexts kept serve every message in flight.
    private IncrementalHash? _sha = Sha256Contexts.Rent();
    private byte[] _first;
    private readonly bool _firstRented;
    private readonly List<byte[]> _pooled = new();
    private int _lastUsed;
    private FileStream? _spill;
    private byte[]? _hash;
    private bool _disposed;

    /// <summary>Size of the first, own chunk unless a caller knows better: most messages outgrow it into pooled chunks.</summary>
    public const int DefaultInitialCapacity = 4096;

    private const int MaxRentedFirstChunk = 64 * 1024;

    public MessageContent(int spillThreshold = DefaultSpillThreshold, int initialCapacity = DefaultInitialCapacity)
    {
        _spillThreshold = spillThreshold;
        int first = Math.Min(initialCapacity, Math.Max(spillThreshold, 16));
        // Small first chunks come from the shared pool: one per message, thousands per capture, and each lives until
        // the model is done with its message, long enough to be promoted by the collector had it been allocated.
        _firstRented = first <= MaxRentedFirstChunk;
        _first = _firstRented ? ArrayPool<byte>.Shared.Rent(first) : new byte[first];
    }

    public static MessageContent FromBytes(ReadOnlySpan<byte> bytes)
    {
        var c = new MessageContent(initialCapacity: Math.Max(bytes.Length, 16));
        c.Append(bytes);
        c.Seal();
        return c;
    }

    public long Length { get; private set; }
    public bool IsSpilled => _spill != null;

    public void Append(ReadOnlySpan<byte> data)
    {
        if (_hash != null) throw new InvalidOperationException("Content is sealed.");
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (data.IsEmpty) return;
        long inMemory = Length;
        Length += data.Length;
        if (_spill != null) { _sha!.AppendData(data); _spill.Write(data); return; }
        if (Length > _spillThreshold)
        {
            Spill(inMemory, data);
            return;
        }
        while (!data.IsEmpty)
        {
            byte[] last = _pooled.Count == 0 ? _first : _pooled[^1];
            int room = ChunkLength(_pooled.Count) - _lastUsed;
            if (room == 0)
            {
                _sha!.AppendData(last.AsSpan(0, _lastUsed));
                _pooled.Add(Chunks.Rent(ChunkSize));
                _lastUsed = 0;
                continue;
            }
            int n = Math.Min(room, data.Length);
            data[..n].CopyTo(last.AsSpan(_lastUsed));
            _lastUsed += n;
            data = data[n..];
        }
    }

    /// <summary>No more bytes will come; fixes the hash.</summary>
    public void Seal()
    {
        if (_hash != null) return;
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_spill == null) HashLastChunk();
        _hash = _sha!.GetHashAndReset();
        Sha256Contexts.ReturnReset(_sha);
        _sha = null;
        _spill?.Flush();
    }

    /// <summary>SHA-256 of the exact bytes, lowercase hex.</summary>
    public string Sha256Hex
    {
        get { Seal(); return Convert.ToHexStringLower(_hash!); }
    }

    /// <summary>A fresh read-only, seekable stream over the bytes (safe to call several times).</summary>
    public Stream OpenRead()
    {
        Seal();
        if (_spill != null)
            return new FileStream(_spill.Name, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Length <= _first.Length && !_firstRented) return new MemoryStream(_first, 0, (int)Length, writable: false);
        return new ChunkedContentStream(this);
    }

    /// <summary>All bytes in memory; for small messages and tests. Throws above 256 MiB.</summary>
    public byte[] ToArray()
    {
        if (Length > 256L * 1024 * 1024) throw new InvalidOperationException("Message too large to load whole; use OpenRead().");
        using var s = OpenRead();
        var result = new byte[Length];
        s.ReadExactly(result);
        return result;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _spill?.Dispose();
        _spill = null;
        if (_sha != null) Sha256Contexts.Return(_sha);
        _sha = null;
        ReleaseChunks();
        if (_firstRented)
        {
            ArrayPool<byte>.Shared.Return(_first);
            _first = Array.Empty<byte>();
        }
    }

    /// <summary>The in-memory chunk at <paramref name="index"/> (0: the first, own chunk), for <see cref="ChunkedContentStream"/>.</summary>
    internal byte[] Chunk(int index)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return index == 0 ? _first : _pooled[index - 1];
    }

    internal int ChunkLength(int index) => index == 0 ? _first.Length : ChunkSize;

    private void Spill(long inMemory, ReadOnlySpan<byte> data)
    {
        string path = Path.Combine(Path.GetTempPath(), $"mailsniffer-{Environment.ProcessId}-{Guid.NewGuid():N}.msg");
        _spill = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 1 << 16, FileOptions.DeleteOnClose);
        HashLastChunk();
        _sha!.AppendData(data);
        for (int i = 0; inMemory > 0; i++)
        {
            int n = (int)Math.Min(inMemory, ChunkLength(i));
            _spill.Write(Chunk(i), 0, n);
            inMemory -= n;
        }
        _spill.Write(data);
        ReleaseChunks();
    }

    /// <summary>Every chunk but the last is hashed when the next one is started; this hashes the last one's bytes.</summary>
    private void HashLastChunk()
    {
        if (_lastUsed == 0) return;
        byte[] last = _pooled.Count == 0 ? _first : _pooled[^1];
        _sha!.AppendData(last.AsSpan(0, _lastUsed));
    }

    private void ReleaseChunks()
    {
        foreach (var chunk in _pooled) Chunks.Return(chunk);
        _pooled.Clear();
    }
}
