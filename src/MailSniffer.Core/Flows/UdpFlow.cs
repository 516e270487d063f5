namespace MailSniffer.Core.Flows;

internal sealed class UdpFlow : TrackedFlow
{
    public UdpFlow(FlowInfo info, FlowKey key, bool clientIsA) : base(info, key, clientIsA) { }
}
