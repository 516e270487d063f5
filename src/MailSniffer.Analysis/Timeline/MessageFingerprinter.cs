using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using MimeKit;

namespace MailSniffer.Analysis.Timeline;

/// <summary>
/// Fingerprints a message so that the submitted, relayed, stored and retrieved copies of it hash the same: trace
/// headers that each hop adds (Received, Return-Path, Delivered-To, X-Original-To) are left out, CR bytes are dropped
/// (CRLF on the wire, LF in a Maildir) and trailing line ends are ignored. Headers are parsed by MimeKit from a bounded
/// prefix; the body is hashed as a stream, so memory does not depend on message size. Never throws on hostile bytes.
/// </summary>
public static class MessageFingerprinter
{
    public const int MaxReceived = 64;
    /// <summary>A header block larger than this is hashed as body (no header is recognised as trace).</summary>
    public const int MaxHeaderBytes = 256 * 1024;

    private static readonly HashSet<string> TraceHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Received", "Return-Path", "Delivered-To", "X-Original-To",
    };

    public static MessageFingerprint Compute(Stream content)
    {
        try
        {
            return ComputeUnsafe(content);
        }
        catch (Exception ex) when (ex is IOException or FormatException or ObjectDisposedException or NotSupportedException
                                       or ParseException or InvalidOperationException)
        {
            return MessageFingerprint.None;
        }
    }

    public static MessageFingerprint Compute(ReadOnlySpan<byte> bytes)
    {
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        return Compute(stream);
    }

    private static MessageFingerprint ComputeUnsafe(Stream content)
    {
        byte[] prefix = ArrayPool<byte>.Shared.Rent(MaxHeaderBytes);
        try
        {
            int read = ReadUpTo(content, prefix, MaxHeaderBytes);
            int headerEnd = HeaderEnd(prefix.AsSpan(0, read));
            // A message of headers only (no empty line) is still headers, as long as all of it fits in the prefix.
            if (headerEnd == 0 && read < MaxHeaderBytes) headerEnd = read;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var normaliser = new LineEndNormaliser(hash);
            var received = new List<ReceivedHeader>();
            int bodyStart = 0;
            if (headerEnd > 0)
            {
                HeaderList headers;
                using (var headerStream = new MemoryStream(prefix, 0, headerEnd, writable: false))
                    headers = HeaderList.Load(ParserOptions.Default, headerStream);
                foreach (var h in headers)
                {
                    if (TraceHeaders.Contains(h.Field))
                    {
                        if (h.Field.Equals("Received", StringComparison.OrdinalIgnoreCase) && received.Count < MaxReceived)
                            // The chain is kept with the message's journey: bound it per message, whatever the headers.
                            received.Add(ReceivedHeaderParser.Parse(received.Count, Latin1OrUtf8(h.RawValue)));
                        continue;
                    }
                    normaliser.Append(Encoding.ASCII.GetBytes(h.Field.ToLowerInvariant() + ":"));
                    normaliser.Append(h.RawValue);
                }
                normaliser.Append("\n"u8);
                bodyStart = headerEnd;
            }
            normaliser.Append(prefix.AsSpan(bodyStart, read - bodyStart));
            byte[] chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
            try
            {
                int n;
                while ((n = content.Read(chunk, 0, chunk.Length)) > 0) normaliser.Append(chunk.AsSpan(0, n));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }
            return new MessageFingerprint(Convert.ToHexStringLower(hash.GetHashAndReset()), received);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(prefix);
        }
    }

    private static int ReadUpTo(Stream s, byte[] buffer, int count)
    {
        int total = 0, n;
        while (total < count && (n = s.Read(buffer, total, count - total)) > 0) total += n;
        return total;
    }

    /// <summary>Offset just after the empty line that ends the header block, or 0 if none lies in the prefix.</summary>
    private static int HeaderEnd(ReadOnlySpan<byte> data)
    {
        for (int i = 0; i < data.Length; i++)
        {
            if (data[i] != (byte)'\n') continue;
            int j = i + 1;
            if (j < data.Length && data[j] == (byte)'\r') j++;
            if (j < data.Length && data[j] == (byte)'\n') return j + 1;
        }
        return 0;
    }

    private static string Latin1OrUtf8(byte[] raw)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(raw);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(raw);
        }
    }

    /// <summary>Drops CR and holds back trailing LFs so that a final line end (present or not) does not change the hash.</summary>
    private sealed class LineEndNormaliser(IncrementalHash hash)
    {
        private int _pendingNewlines;

        public void Append(ReadOnlySpan<byte> data)
        {
            int start = 0;
            for (int i = 0; i < data.Length; i++)
            {
                byte b = data[i];
                if (b != (byte)'\r' && b != (byte)'\n') continue;
                if (i > start) Flush(data[start..i]);
                if (b == (byte)'\n') _pendingNewlines++;
                start = i + 1;
            }
            if (start < data.Length) Flush(data[start..]);
        }

        private void Flush(ReadOnlySpan<byte> text)
        {
            for (; _pendingNewlines > 0; _pendingNewlines--) hash.AppendData("\n"u8);
            hash.AppendData(text);
        }
    }
}
