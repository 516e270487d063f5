using MailSniffer.Decoders.Events;

namespace MailSniffer.Decoders.Tests.Support;

/// <summary>Streams of the public captures, as tshark reassembles them, through a decoder under every splitting.</summary>
public static class CaptureReplay
{
    /// <summary>The events of one TCP stream (tshark's stream number), asserted the same however the bytes are split.</summary>
    public static List<MailEvent> Decode(string capture, int stream, Func<FlowContext, IMailEventSink, IStreamDecoder> createDecoder) =>
        TranscriptReplay.AssertSplitInvariant(sink => createDecoder(TestFlows.Context(stream), sink), TcpFollow.Read(capture, stream));

    /// <summary>
    /// Every stream the capture's oracle reconstructs, decoded, with what all mail protocols share already checked against
    /// the oracle (messages, credentials); the caller checks its protocol's commands and replies.
    /// </summary>
    public static List<(OracleStream Oracle, List<MailEvent> Events)> DecodeOracleStreams(string capture,
        Func<FlowContext, IMailEventSink, IStreamDecoder> createDecoder)
    {
        var streams = OracleStream.Load(capture);
        Assert.NotEmpty(streams);
        var decoded = new List<(OracleStream, List<MailEvent>)>();
        foreach (var oracle in streams)
        {
            var events = Decode(capture, oracle.TcpStream, createDecoder);
            OracleAssertions.MessagesMatch(oracle, events);
            OracleAssertions.AgreedMessagesPresent(oracle, events);
            OracleAssertions.CredentialsMatch(oracle, events);
            decoded.Add((oracle, events));
        }
        return decoded;
    }
}
