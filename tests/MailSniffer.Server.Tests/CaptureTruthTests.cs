using System.Security.Cryptography;
using System.Text.Json;

namespace MailSniffer.Server.Tests;

/// <summary>The shipped captures hold every message their truth file lists, byte-exact, as an independent decoder (tshark) reassembles them.</summary>
public class CaptureTruthTests
{
    private static string Capture(string name) => Path.Combine(CaptureStreams.Root(), "captures", name);

    private static JsonElement Truth(string name) => JsonDocument.Parse(File.ReadAllText(Capture(name + ".truth.json"))).RootElement;

    private static string Sha(byte[] b) => Convert.ToHexStringLower(SHA256.HashData(b));

    [Theory]
    [InlineData("demo-full-plaintext", 4)]
    [InlineData("demo-full-starttls", 0)]
    public async Task Submitted_and_relayed_messages_are_in_the_capture_byte_exact(string name, int plaintextSubmissions)
    {
        var truth = Truth(name);
        var pcap = Capture(name + ".pcapng");
        Assert.True(new FileInfo(pcap).Length <= 2 * 1024 * 1024, "captures stay under 2 MB");
        var found = 0;
        foreach (var m in truth.GetProperty("messages").EnumerateArray())
        {
            var sub = m.GetProperty("submission");
            var (toServer, _) = await CaptureStreams.FollowAsync(pcap, sub.GetProperty("client").GetString()!, sub.GetProperty("server").GetString()!);
            Assert.NotEmpty(toServer);
            var payloads = CaptureStreams.SmtpPayloads(toServer);
            if (sub.GetProperty("encrypted").GetBoolean())
            {
                Assert.Empty(payloads);
                continue;
            }
            Assert.Equal(m.GetProperty("sha256").GetString(), Sha(Assert.Single(payloads)));
            found++;
        }
        Assert.Equal(plaintextSubmissions, found);

        var relays = truth.GetProperty("relays").EnumerateArray().ToList();
        Assert.Equal(truth.GetProperty("messages").GetArrayLength(), relays.Count);
        foreach (var r in relays)
        {
            var message = truth.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("messageId").GetString() == r.GetProperty("messageId").GetString());
            var (toServer, _) = await CaptureStreams.FollowAsync(pcap, r.GetProperty("fromEndPoint").GetString()!, r.GetProperty("toEndPoint").GetString()!);
            var relayed = Assert.Single(CaptureStreams.SmtpPayloads(toServer));
            // The relay carries the submitted bytes behind the Received header mx.a.test added.
            var size = message.GetProperty("size").GetInt32();
            Assert.StartsWith("Received: ", System.Text.Encoding.ASCII.GetString(relayed, 0, 10));
            Assert.Equal(message.GetProperty("sha256").GetString(), Sha(relayed[^size..]));
        }
    }


    [Fact]
    public async Task Pop3_only_capture_holds_every_retrieved_message()
    {
        var truth = Truth("demo-pop3-only");
        var r = truth.GetProperty("retrievals").EnumerateArray().First();
        var (_, toClient) = await CaptureStreams.FollowAsync(Capture("demo-pop3-only.pcapng"), r.GetProperty("client").GetString()!, r.GetProperty("server").GetString()!);
        var shas = CaptureStreams.Pop3Retrievals(toClient).Select(Sha).ToList();
        Assert.Equal(truth.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("sha256").GetString()!).Order(), shas.Order());
    }

    [Fact]
    public async Task Imap_only_capture_holds_every_retrieved_message()
    {
        var truth = Truth("demo-imap-only");
        var r = truth.GetProperty("retrievals").EnumerateArray().First();
        var (_, toClient) = await CaptureStreams.FollowAsync(Capture("demo-imap-only.pcapng"), r.GetProperty("client").GetString()!, r.GetProperty("server").GetString()!);
        var shas = CaptureStreams.ImapBodies(toClient).Select(Sha).ToList();
        Assert.Equal(truth.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("sha256").GetString()!).Order(), shas.Order());
    }
}
