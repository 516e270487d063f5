using MailSniffer.Decoders.Common;
using MailSniffer.Decoders.Events;
using MailSniffer.Decoders.Pop3;
using MailSniffer.Decoders.Tests.Support;

namespace MailSniffer.Decoders.Tests.Pop3;

/// <summary>Every POP3 stream of the public captures, reassembled by tshark, compared with the oracle's reconstruction.</summary>
public sealed class Pop3CaptureTests
{
    public static TheoryData<string> Captures => new()
    {
        "surv-pop3-user-pass-retr.pcap", "surv-pop3-top-many.pcap", "surv-pop3-auth-xoauth2.pcap",
        "ndpi-pop3-user-pass-sasl-retr.pcapng", "zeek-pop3-bad-list-retr-crafted.pcap", "zeek-pop3-stls-null-linktype.pcap",
    };

    [TsharkTheory]
    [MemberData(nameof(Captures))]
    public void Stream_matches_the_oracle_reconstruction(string capture)
    {
        foreach (var (oracle, events) in CaptureReplay.DecodeOracleStreams(capture, Create))
        {
            Assert.Equal(oracle.Commands.Select(Normalise), events.OfType<Pop3CommandEvent>().Select(c => (c.Verb + " " + c.Arg).Trim()));
            var replies = events.OfType<Pop3ReplyEvent>().ToList();
            Assert.Equal(oracle.Pop3Replies.Select(r => r.StartsWith('+')), replies.Select(r => r.Ok));
            // Texts compared where the oracle could decode them (one greeting is GBK, which it shows as Latin-1).
            foreach (var (expected, actual) in oracle.Pop3Replies.Zip(replies))
                if (expected.All(char.IsAscii)) Assert.Equal(expected.Trim(), ((actual.Ok ? "+OK " : "-ERR ") + actual.Text).Trim());
        }
    }

    [TsharkFact]
    public void Top_messages_are_partial_and_carry_the_user()
    {
        var events = Decode("surv-pop3-top-many.pcap", 0);
        var messages = events.OfType<MessageEvent>().ToList();
        Assert.NotEmpty(messages);
        Assert.All(messages, m => Assert.True(m.Partial && m.Source == "TOP" && m.Complete));
        Assert.All(messages, m => Assert.Equal("moises.nunez@ingenierianumar.com", m.User));
        Assert.Equal(6, messages[0].SequenceNumber);
    }

    [TsharkFact]
    public void Crafted_list_without_terminator_is_closed_by_the_next_command()
    {
        var events = Decode("zeek-pop3-bad-list-retr-crafted.pcap", 0);
        var message = Assert.Single(events.OfType<MessageEvent>());
        Assert.Equal(("RETR", 1L, true), (message.Source, message.SequenceNumber!.Value, message.Complete));
        Assert.Contains(events.OfType<AnomalyEvent>(), a => a.Reason.Contains("terminating"));
        Assert.Equal(["LIST", "RETR", "QUIT"], events.OfType<Pop3CommandEvent>().Select(c => c.Verb));
    }

    [TsharkFact]
    public void Stls_then_tls_stops_decoding()
    {
        var events = Decode("zeek-pop3-stls-null-linktype.pcap", 0);
        var tls = Assert.Single(events.OfType<TlsEvent>());
        Assert.Equal(("starttls", "pop3"), (tls.Kind, tls.Protocol));
        Assert.Contains(events.OfType<Pop3CommandEvent>(), c => c.Verb == "STLS");
    }

    [TsharkFact]
    public void Xoauth2_after_missing_greeting()
    {
        var events = Decode("surv-pop3-auth-xoauth2.pcap", 0);
        var credential = Assert.Single(events.OfType<CredentialEvent>());
        Assert.Equal(("XOAUTH2", "joe.speedboat", (bool?)true), (credential.Mechanism, credential.Username, credential.Accepted));
        Assert.Equal("AAAAAAAAAAAAAAAAAAAAAAAAAAAA", credential.Password);
    }

    [TsharkFact]
    public void User_pass_outcomes_follow_the_server()
    {
        var refused = Assert.Single(Decode("surv-pop3-user-pass-retr.pcap", 0).OfType<CredentialEvent>());
        Assert.Equal(("test@tt.com", "123456", (bool?)false), (refused.Username, refused.Password, refused.Accepted));
        var events = Decode("surv-pop3-user-pass-retr.pcap", 1);
        var accepted = Assert.Single(events.OfType<CredentialEvent>());
        Assert.Equal(("test", (bool?)true), (accepted.Username, accepted.Accepted));
        var message = Assert.Single(events.OfType<MessageEvent>());
        Assert.Equal(("RETR", 5L, "test", false), (message.Source, message.SequenceNumber!.Value, message.User!, message.Partial));
    }

    private static string Normalise(string request)
    {
        var (verb, arg) = WireText.SplitVerb(request);
        return (verb + " " + arg).Trim();
    }

    private static Pop3Decoder Create(FlowContext flow, IMailEventSink sink) => new(flow, sink);

    private static List<MailEvent> Decode(string capture, int stream) => CaptureReplay.Decode(capture, stream, Create);
}
