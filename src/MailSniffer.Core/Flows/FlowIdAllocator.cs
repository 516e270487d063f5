namespace MailSniffer.Core.Flows;

/// <summary>Hands out flow ids 1, 2, 3... in order of first packet, shared by TCP and UDP.</summary>
public sealed class FlowIdAllocator
{
    private long _last;
    public long Next() => ++_last;
}
