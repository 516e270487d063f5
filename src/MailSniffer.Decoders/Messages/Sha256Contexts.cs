using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace MailSniffer.Decoders.Messages;

/// <summary>
/// Reused SHA-256 contexts. Creating and releasing an OpenSSL digest context costs tens of microseconds — more than
/// hashing a typical 20 KB message — and every message and attachment needs one. Contexts are rented on one thread and
/// often returned on another, hence a concurrent queue; a few are kept, the rest disposed.
/// </summary>
public static class Sha256Contexts
{
    private const int MaxKept = 16;
    private static readonly ConcurrentQueue<IncrementalHash> Kept = new();

    public static IncrementalHash Rent() =>
        Kept.TryDequeue(out var sha) ? sha : IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>Takes back a context; it is reset first, so a half-fed one may be returned too. Never use it afterwards.</summary>
    public static void Return(IncrementalHash sha)
    {
        if (Kept.Count >= MaxKept) { sha.Dispose(); return; }
        Span<byte> discard = stackalloc byte[32];
        sha.GetHashAndReset(discard);
        Kept.Enqueue(sha);
    }

    /// <summary>Takes back a context that was just reset (by <c>GetHashAndReset</c>), without resetting it again.</summary>
    public static void ReturnReset(IncrementalHash sha)
    {
        if (Kept.Count >= MaxKept) { sha.Dispose(); return; }
        Kept.Enqueue(sha);
    }
}
