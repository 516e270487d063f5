using System.Runtime.InteropServices;
using SharpPcap.LibPcap;

namespace MailSniffer.Core.Capture;

/// <summary>
/// libpcap's counters for an open device, read with <c>pcap_stats</c> itself. SharpPcap 6.3.1 reads
/// <c>struct pcap_stat</c> with fields twice as wide as Linux x64's 32-bit ones, so the drop count lands in the upper
/// half of "received", which it truncates: on a stalled reader (loopback, 256 KiB buffer) it said 0 drops where
/// <c>pcap_stats</c> said 611,016 of 611,248. The library is the one already loaded for capture (found in
/// /proc/self/maps), so the handle is passed to the code that made it; elsewhere, or if that fails, null is returned
/// and the caller falls back to SharpPcap's figures.
/// </summary>
internal static unsafe class PcapKernelStatistics
{
    // Windows' pcap_stat has three more fields after the common three; room for them costs nothing.
    [StructLayout(LayoutKind.Sequential)]
    private struct PcapStat
    {
        public uint Received;
        public uint Dropped;
        public uint InterfaceDropped;
        public uint Spare0, Spare1, Spare2;
    }

    private static readonly Lock Gate = new();
    private static delegate* unmanaged<IntPtr, PcapStat*, int> _pcapStats;
    private static bool _resolved;

    /// <summary>Packets received and dropped since the device opened; null when libpcap's own call is not available.</summary>
    public static (long Received, long Dropped)? Read(PcapHandle handle)
    {
        var pcapStats = Resolve();
        if (pcapStats == null || handle.IsInvalid || handle.IsClosed) return null;
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            PcapStat stat;
            return pcapStats(handle.DangerousGetHandle(), &stat) == 0 ? (stat.Received, stat.Dropped) : null;
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
    }

    private static delegate* unmanaged<IntPtr, PcapStat*, int> Resolve()
    {
        lock (Gate)
        {
            if (_resolved) return _pcapStats;
            _resolved = true;
            if (LoadedLibpcap() is { } path && NativeLibrary.TryLoad(path, out var library)
                && NativeLibrary.TryGetExport(library, "pcap_stats", out var export))
                _pcapStats = (delegate* unmanaged<IntPtr, PcapStat*, int>)export;
            return _pcapStats;
        }
    }

    /// <summary>The path of the libpcap this process has mapped, if the system says (Linux).</summary>
    private static string? LoadedLibpcap()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                int slash = line.IndexOf('/');
                if (slash < 0) continue;
                string path = line[slash..];
                if (Path.GetFileName(path).StartsWith("libpcap.so", StringComparison.Ordinal)) return path;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return null;
    }
}
