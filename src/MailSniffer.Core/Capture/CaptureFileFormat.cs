namespace MailSniffer.Core.Capture;

/// <summary>On-disk capture formats the managed readers and writers handle.</summary>
public enum CaptureFileFormat
{
    /// <summary>Classic pcap, microsecond timestamps (magic 0xa1b2c3d4).</summary>
    Pcap,
    /// <summary>Classic pcap, nanosecond timestamps (magic 0xa1b23c4d).</summary>
    PcapNanosecond,
    /// <summary>pcapng (Section Header Block 0x0a0d0d0a).</summary>
    PcapNg,
}
