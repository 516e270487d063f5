namespace MailSniffer.Core.Capture;

/// <summary>
/// One pcapng Interface Description Block: link type, snap length and the timestamp scale (if_tsresol, if_tsoffset),
/// reduced to integer arithmetic so converting a packet timestamp costs a multiply or a divide.
/// </summary>
public sealed class PcapNgInterface
{
    private readonly long _multiplier;
    private readonly long _divisor;
    private readonly Int128 _unitsPerSecond;

    public PcapNgInterface(LinkType linkType, int snapLength, Int128 unitsPerSecond, long offsetSeconds, byte timestampResolution)
    {
        LinkType = linkType;
        SnapLength = snapLength;
        TimestampResolution = timestampResolution;
        OffsetSeconds = offsetSeconds;
        _unitsPerSecond = unitsPerSecond;
        if (unitsPerSecond <= 1_000_000_000 && 1_000_000_000 % unitsPerSecond == 0)
            _multiplier = (long)(1_000_000_000 / unitsPerSecond);
        else if (unitsPerSecond % 1_000_000_000 == 0 && unitsPerSecond / 1_000_000_000 <= long.MaxValue)
            _divisor = (long)(unitsPerSecond / 1_000_000_000);
    }

    public LinkType LinkType { get; }
    public int SnapLength { get; }
    /// <summary>The raw if_tsresol byte (6 = µs when the option is absent).</summary>
    public byte TimestampResolution { get; }
    public long OffsetSeconds { get; }

    public CaptureTime ToCaptureTime(ulong units)
    {
        long ns;
        if (_multiplier != 0)
            ns = unchecked((long)units * _multiplier);
        else if (_divisor != 0)
            ns = (long)(units / (ulong)_divisor);
        else
            ns = (long)((Int128)units * 1_000_000_000 / _unitsPerSecond);
        return new CaptureTime(unchecked(ns + OffsetSeconds * 1_000_000_000));
    }
}
