using MailSniffer.Decoders.Events;
using MailSniffer.Decoders.Tests.Support;

namespace MailSniffer.Decoders.Tests.Imap;

/// <summary>Real captures: tshark's reassembled streams through the decoder, checked against the oracles.</summary>
public class ImapCaptureTests
{
    private static List<MailEvent> DecodeStream(string capture, int stream) =>
        ImapTranscriptReplay.AssertSplitInvariant(ImapTestKit.Create, TsharkStreamExtractor.FollowTcp(SharedCaptureFolder.File(capture), stream));

    [TsharkFact]
    public void Arkime_login_and_26_fetch_literals_match_the_oracle_byte_for_byte()
    {
        const string cap = "arkime-imap-login-fetch.pcap";
        var ev = DecodeStream(cap, 0);
        var oracle = CaptureOracle.Load(cap);
        var expected = oracle.GetProperty("messages_index").EnumerateArray()
            .Where(r => r.GetProperty("agreement").GetString() == "both")
            .Select(r => r.GetProperty("reconstructed_sha256").GetString()!).Order().ToList();
        Assert.Equal(26, expected.Count);
        var messages = ev.Of<MessageEvent>();
        Assert.Equal(expected, messages.Select(m => m.Content.Sha256Hex).Order().ToList());
        Assert.All(messages, m => Assert.True(m.Complete));
        Assert.All(messages, m => Assert.Equal("INBOX", m.Mailbox));
        Assert.Equal(25, messages.Count(m => m.Partial));
        var whole = Assert.Single(messages, m => !m.Partial);
        Assert.Equal(("FETCH RFC822", 3339L, 12L), (whole.Source, whole.Content.Length, whole.SequenceNumber));

        var cred = Assert.Single(ev.Of<CredentialEvent>());
        var derived = oracle.GetProperty("credentials").GetProperty("derived_from_streams")[0];
        Assert.Equal(derived.GetProperty("username").GetString(), cred.Username);
        Assert.Equal(derived.GetProperty("password").GetString(), cred.Password);
        Assert.True(cred.Accepted);

        var requests = oracle.GetProperty("reconstruction")[0].GetProperty("requests").EnumerateArray().Select(r => r.GetProperty("tag").GetString()!).ToList();
        Assert.Equal(requests, ev.Of<ImapCommandEvent>().Select(c => c.Tag).ToList());
        Assert.Empty(ev.Of<AnomalyEvent>());
    }

    [TsharkFact]
    public void Ndpi_uid_fetch_header_and_atom_login()
    {
        const string cap = "ndpi-imap-login-fetch.pcap";
        var ev = DecodeStream(cap, 0);
        var oracle = CaptureOracle.Load(cap);
        var row = Assert.Single(oracle.GetProperty("messages_index").EnumerateArray());
        var m = Assert.Single(ev.Of<MessageEvent>());
        Assert.Equal(row.GetProperty("reconstructed_sha256").GetString(), m.Content.Sha256Hex);
        Assert.True(m.Partial);
        Assert.Equal("FETCH BODY[HEADER]", m.Source);
        Assert.Equal(("INBOX", "samir"), (m.Mailbox, m.User));
        Assert.NotNull(m.Uid);
        var cred = Assert.Single(ev.Of<CredentialEvent>());
        Assert.Equal(("samir", "pfres", true), (cred.Username, cred.Password, cred.Accepted));
        Assert.Equal("UID FETCH", ev.Of<ImapCommandEvent>().Last().Command);
        Assert.Empty(ev.Of<AnomalyEvent>());
    }

    [TsharkFact]
    public void Zeek_starttls_switches_to_tls()
    {
        var ev = DecodeStream("zeek-imap-starttls.pcap", 0);
        Assert.Equal(new[] { "CAPABILITY", "STARTTLS" }, ev.Of<ImapCommandEvent>().Select(c => c.Command));
        var tls = Assert.Single(ev.Of<TlsEvent>());
        Assert.Equal("starttls", tls.Kind);
        Assert.Empty(ev.Of<AnomalyEvent>());
    }
}
