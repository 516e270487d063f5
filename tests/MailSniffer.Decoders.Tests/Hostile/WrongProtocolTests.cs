using MailSniffer.Decoders.Events;
using MailSniffer.Decoders.Pop3;
using MailSniffer.Decoders.Smtp;
using MailSniffer.Decoders.Tests.Support;

namespace MailSniffer.Decoders.Tests.Hostile;

/// <summary>Real traffic of another protocol (mislabelled port, wrong detection): flagged, nothing invented, no exception.</summary>
public sealed class WrongProtocolTests
{
    public static TheoryData<string, int> Streams => new()
    {
        { "arkime-imap-login-fetch.pcap", 0 },
        { "zeek-imap-starttls.pcap", 0 },
        { "arkime-dns-tcp.pcap", 0 },
    };

    [TsharkTheory]
    [MemberData(nameof(Streams))]
    public void Smtp_decoder_on_other_traffic_invents_no_messages_or_credentials(string capture, int stream)
    {
        var events = TranscriptReplay.AssertSplitInvariant(sink => new SmtpDecoder(TestFlows.Context(), sink), TcpFollow.Read(capture, stream));
        Assert.Empty(events.OfType<MessageEvent>());
        Assert.Empty(events.OfType<CredentialEvent>());
        Assert.Contains(events, e => e is AnomalyEvent);
    }

    [TsharkTheory]
    [MemberData(nameof(Streams))]
    public void Pop3_decoder_on_other_traffic_invents_no_messages_or_credentials(string capture, int stream)
    {
        var events = TranscriptReplay.AssertSplitInvariant(sink => new Pop3Decoder(TestFlows.Context(), sink), TcpFollow.Read(capture, stream));
        Assert.Empty(events.OfType<MessageEvent>());
        Assert.Empty(events.OfType<CredentialEvent>());
        Assert.Contains(events, e => e is AnomalyEvent);
    }
}
