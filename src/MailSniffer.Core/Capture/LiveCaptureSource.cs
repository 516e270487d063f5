using SharpPcap;
using SharpPcap.LibPcap;

namespace MailSniffer.Core.Capture;

/// <summary>
/// Packets from a live libpcap device, handed to the single consumer in arrival order by a plain
/// <c>pcap_next_ex</c> loop on the consumer's thread (no capture thread, no copies). The kernel's ring buffer absorbs
/// bursts; what it had to drop is in <see cref="KernelDropped"/>. <see cref="Stop"/> may be called from any thread:
/// the next read timeout ends the stream.
/// </summary>
public sealed class LiveCaptureSource : IPacketSource
{
    private readonly LibPcapLiveDevice _device;
    private readonly PcapNgWriter? _tee;
    private readonly int _teeInterface;
    private readonly WarningLog _warnings = new();
    private volatile bool _stopRequested;
    private bool _ended;
    private bool _disposed;

    private LiveCaptureSource(LibPcapLiveDevice device, LinkType linkType, PcapNgWriter? tee, int snapLength)
    {
        _device = device;
        LinkType = linkType;
        _tee = tee;
        if (tee is not null)
            _teeInterface = tee.AddInterface(linkType, snapLength, timestampResolution: 9, name: device.Name);
    }

    public string DeviceName => _device.Name;
    public LinkType LinkType { get; }
    public long PacketsRead { get; private set; }
    public long BytesRead { get; private set; }
    public IReadOnlyList<string> Warnings => _warnings.Items;

    /// <summary>Packets the kernel received for this capture, as libpcap reports (null when unavailable).</summary>
    public long? KernelReceived => Statistics()?.Received;
    /// <summary>Packets dropped because the consumer did not keep up (kernel buffer full).</summary>
    public long? KernelDropped => Statistics()?.Dropped;

    internal static LiveCaptureSource Open(LiveCaptureOptions options)
    {
        LibPcapLiveDevice? device;
        try
        {
            device = LibPcapLiveDeviceList.New().FirstOrDefault(d => d.Name == options.Device);
        }
        catch (Exception e)
        {
            throw CaptureUnavailableException.From(e, options.Device);
        }
        if (device is null)
            throw new CaptureUnavailableException(CaptureUnavailableReason.DeviceNotFound,
                $"There is no capture device named '{options.Device}'. List the devices with 'mailsniffer interfaces'.");

        try
        {
            var config = new DeviceConfiguration
            {
                Mode = options.Promiscuous ? DeviceModes.Promiscuous : DeviceModes.None,
                Snaplen = options.SnapLength,
                ReadTimeout = (int)Math.Clamp(options.ReadTimeout.TotalMilliseconds, 1, int.MaxValue),
                // Not immediate mode: with it, libpcap's TPACKET_V2 ring silently loses loopback's 64 KiB segments
                // (seen: 17 of 35 packets of a 300 KB exchange, tcpdump --immediate-mode likewise). The read timeout
                // bounds the delay instead.
                Immediate = false,
                TimestampResolution = TimestampResolution.Nanosecond,
            };
            if (options.KernelBufferBytes is int bytes) config.BufferSize = bytes;
            device.Open(config);
        }
        catch (Exception e)
        {
            CloseQuietly(device);
            throw CaptureUnavailableException.From(e, options.Device);
        }
        if (!string.IsNullOrWhiteSpace(options.Filter))
        {
            try
            {
                device.Filter = options.Filter;
            }
            catch (Exception e)
            {
                CloseQuietly(device);
                if (CaptureUnavailableException.IsLibraryMissing(e))
                    throw CaptureUnavailableException.From(e, options.Device);
                throw new CaptureUnavailableException(CaptureUnavailableReason.OpenFailed,
                    $"The capture filter '{options.Filter}' is not valid BPF (tcpdump) syntax: {e.Message.ReplaceLineEndings(" ").Trim()}", e);
            }
        }
        return new LiveCaptureSource(device, ToLinkType((int)device.LinkType), options.Tee, options.SnapLength);
    }

    private static void CloseQuietly(LibPcapLiveDevice device)
    {
        try
        {
            device.Close();
        }
        catch (PcapException)
        {
            // Already failed; the caller reports the original error.
        }
    }

    /// <summary>Blocks until a packet arrives (true) or the capture is stopped or fails (false).</summary>
    public bool TryReadNext(out RawPacket packet)
    {
        packet = default;
        while (!_ended)
        {
            if (_stopRequested)
            {
                _ended = true;
                break;
            }
            GetPacketStatus status;
            PacketCapture capture;
            try
            {
                status = _device.GetNextPacket(out capture);
            }
            catch (PcapException e)
            {
                _warnings.Add($"Live capture on {_device.Name} failed: {e.Message.ReplaceLineEndings(" ").Trim()}");
                _ended = true;
                break;
            }
            if (status == GetPacketStatus.ReadTimeout)
                continue;
            if (status != GetPacketStatus.PacketRead)
            {
                if (status == GetPacketStatus.Error)
                    _warnings.Add($"Live capture on {_device.Name} reported an error: {_device.LastError}");

                _ended = true;
                break;
            }
            var data = capture.Data;
            int original = capture.Header is PcapHeader h ? (int)Math.Min(h.PacketLength, int.MaxValue) : data.Length;
            var ts = new CaptureTime((long)(capture.Header.Timeval.Value * 1_000_000_000m));
            packet = new RawPacket(data, ts, LinkType, Math.Max(original, data.Length));
            _tee?.Write(_teeInterface, packet);
            PacketsRead++;
            BytesRead += data.Length;
            return true;
        }
        return false;
    }

    /// <summary>Ends the stream at the next read timeout; safe from any thread.</summary>
    public void Stop() => _stopRequested = true;

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _tee?.Flush();
        CloseQuietly(_device);
    }

    /// <summary>libpcap reports DLT values; they equal LINKTYPE values except for raw IP (DLT_RAW is 12 or 14).</summary>
    internal static LinkType ToLinkType(int dlt) => dlt switch
    {
        12 or 14 => LinkType.Raw,
        _ => (LinkType)(ushort)dlt,
    };

    private (long Received, long Dropped)? Statistics()
    {
        try
        {
            if (!_device.Opened) return null;
            if (PcapKernelStatistics.Read(_device.Handle) is { } own) return own;
            var theirs = _device.Statistics;
            return (theirs.ReceivedPackets, theirs.DroppedPackets);
        }
        catch (PcapException)
        {
            return null;
        }
    }
}
