using MailSniffer.Decoders.Common;
using MailSniffer.Decoders.Events;
using MailSniffer.Decoders.Smtp;
using MailSniffer.Decoders.Tests.Support;

namespace MailSniffer.Decoders.Tests.Smtp;

/// <summary>
/// Every SMTP stream of the public captures, reassembled by tshark, fed to the decoder under every splitting, compared with
/// the oracle's reconstruction (which MANIFEST.md says to trust where tshark's own IMF export is wrong).
/// </summary>
public sealed class SmtpCaptureTests
{
    public static TheoryData<string> Captures => new()
    {
        "zeek-smtp-auth-login-attachment.pcap", "zeek-smtp-ipv6-attached-message.pcap", "zeek-smtp-multi-addr-pipelined.pcap",
        "zeek-smtp-invalid-transactions.pcap", "zeek-smtp-one-side-only.pcap", "zeek-smtp-many-recipients.pcap",
        "zeek-smtp-bdat-multipart-chunked.pcap", "zeek-smtp-bdat-pipeline-8bitmime.pcap", "zeek-smtp-bdat-gap.pcap",
        "zeek-smtp-starttls.pcap", "arkime-smtp-auth-plain-inline.pcap", "arkime-smtp-auth-plain-rset-521.pcap",
        "arkime-smtp-zip-attachment.pcap", "arkime-smtp-subject-gb2312-b.pcap", "arkime-smtp-starttls-then-plaintext.pcap",
        "surv-smtp-pipelining-null-linktype.pcap", "surv-smtp-three-mails-one-session.pcap", "surv-smtp-auth-login-odd-lines.pcap",
        "surv-smtp-rfc2231-attachments.pcap", "surv-smtp-data-rejected-pipelining.pcap", "surv-smtp-corrupt-record-length.pcap",
        "surv-smtp-bdat-rset-null-linktype.pcap", "surv-smtp-bdat-zero-last-then-data.pcap", "ndpi-smtp-starttls-ipv6-vlan.pcap",
    };

    [TsharkTheory]
    [MemberData(nameof(Captures))]
    public void Stream_matches_the_oracle_reconstruction(string capture)
    {
        foreach (var (oracle, events) in CaptureReplay.DecodeOracleStreams(capture, Create))
        {
            Assert.Equal(oracle.TlsAfterStartTls, events.OfType<TlsEvent>().Any());
            Assert.Equal(ExpectedCommands(oracle), events.OfType<SmtpCommandEvent>().Select(c => c.Arg.Length > 0 ? c.Verb + " " + c.Arg : c.Verb));
            Assert.Equal(oracle.ReplyCodes, events.OfType<SmtpReplyEvent>().Select(r => r.Code));
        }
    }

    [TsharkFact]
    public void Auth_login_attachment_stream0_has_envelope_and_accepted_login()
    {
        var events = Decode("zeek-smtp-auth-login-attachment.pcap", 0);
        var message = Assert.Single(events.OfType<MessageEvent>());
        Assert.Equal("gurpartap@patriots.in", message.MailFrom);
        Assert.Equal(["raj_deol2002in@yahoo.co.in"], message.RcptTo);
        Assert.Equal("gurpartap@patriots.in", message.User);
        var credential = Assert.Single(events.OfType<CredentialEvent>());
        Assert.Equal(("LOGIN", "gurpartap@patriots.in", "punjab@123", (bool?)true),
            (credential.Mechanism, credential.Username, credential.Password, credential.Accepted));
    }

    [TsharkFact]
    public void Invalid_transactions_bodies_after_503_are_not_messages()
    {
        var events = Decode("zeek-smtp-invalid-transactions.pcap", 0);
        var messages = events.OfType<MessageEvent>().Select(m => System.Text.Encoding.ASCII.GetString(m.Content.ToArray())).ToList();
        Assert.Equal(["Hello, Alice (1)\r\n", "Hello, Alice... do you still like me?\r\n"], messages);
        // The refused bodies were read as the commands the server answered with 500.
        Assert.Contains(events.OfType<SmtpReplyEvent>(), r => r.Code == 500);
    }

    [TsharkFact]
    public void Rejected_pipelined_transaction_then_accepted_one()
    {
        var events = Decode("surv-smtp-data-rejected-pipelining.pcap", 0);
        var message = Assert.Single(events.OfType<MessageEvent>());
        Assert.Equal(114252, message.Content.Length);
        Assert.Contains(events.OfType<SmtpReplyEvent>(), r => r.Code == 553);
    }

    [TsharkFact]
    public void Starttls_then_tls_stops_decoding()
    {
        var sink = new ListEventSink();
        var decoder = new SmtpDecoder(TestFlows.Context(), sink);
        var results = TcpFollow.Read("zeek-smtp-starttls.pcap", 0)
            .Select((t, i) => t.IsGap ? decoder.Gap(t.Direction, t.GapLength, new(i)) : decoder.Feed(t.Direction, t.Data, new(i)))
            .ToList();
        Assert.Equal(DecodeStatus.Done, results[^1].Status);
        var tls = Assert.Single(sink.Events.OfType<TlsEvent>());
        Assert.Equal(("starttls", "smtp"), (tls.Kind, tls.Protocol));
        // Nothing after the TLS switch is read as SMTP.
        Assert.Same(tls, sink.Events[^1]);
        Assert.DoesNotContain(sink.Events, e => e is AnomalyEvent);
    }

    [TsharkFact]
    public void Starttls_followed_by_plaintext_keeps_decoding()
    {
        var events = Decode("arkime-smtp-starttls-then-plaintext.pcap", 0);
        Assert.DoesNotContain(events, e => e is TlsEvent);
        var verbs = events.OfType<SmtpCommandEvent>().Select(c => c.Verb).ToList();
        Assert.Equal(2, verbs.Count(v => v == "EHLO"));
        Assert.Single(events.OfType<MessageEvent>());
    }

    [TsharkFact]
    public void One_side_only_yields_both_messages_with_envelopes()
    {
        var events = Decode("zeek-smtp-one-side-only.pcap", 0);
        Assert.DoesNotContain(events, e => e is SmtpReplyEvent);
        var messages = events.OfType<MessageEvent>().ToList();
        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.True(m.Complete));
        Assert.All(messages, m => Assert.NotNull(m.MailFrom));
        Assert.All(messages, m => Assert.NotEmpty(m.RcptTo!));
    }

    [TsharkFact]
    public void Odd_lines_login_without_visible_replies()
    {
        var events = Decode("surv-smtp-auth-login-odd-lines.pcap", 0);
        var credential = Assert.Single(events.OfType<CredentialEvent>());
        Assert.Equal(("galunt", "V1v1tr0n", (bool?)null), (credential.Username, credential.Password, credential.Accepted));
        Assert.Equal(["EHLO", "AUTH", "MAIL", "RCPT", "DATA", "QUIT"], events.OfType<SmtpCommandEvent>().Select(c => c.Verb));
    }

    /// <summary>
    /// The oracle's command lines with verbs upper-cased (our events normalise them). The oracle also lists lines the
    /// server refused after a rejected DATA ("Hello, Alice (2)", "."); we report those as anomalies, not commands, when
    /// they do not even start with a word, so they are left out here.
    /// </summary>
    private static List<string> ExpectedCommands(OracleStream oracle) => oracle.Commands
        .Select(c => WireText.SplitVerb(c))
        .Where(c => WireText.IsPlausibleVerb(c.Verb))
        .Select(c => c.Arg.Length > 0 ? c.Verb + " " + c.Arg : c.Verb)
        .ToList();

    private static SmtpDecoder Create(FlowContext flow, IMailEventSink sink) => new(flow, sink);

    private static List<MailEvent> Decode(string capture, int stream) => CaptureReplay.Decode(capture, stream, Create);
}
