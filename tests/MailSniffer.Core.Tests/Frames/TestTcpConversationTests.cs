using System.Text;
using MailSniffer.Core.Capture;
using MailSniffer.Core.Frames;
using MailSniffer.Core.Tests.Capture;
using MailSniffer.TestSupport;

namespace MailSniffer.Core.Tests.Frames;

/// <summary>The conversation builder other engineers' tests rely on: its frames must decode to a coherent TCP exchange.</summary>
public sealed class TestTcpConversationTests : TempFiles
{
    [Fact]
    public void Frames_carry_consistent_sequence_numbers_and_the_data()
    {
        var conv = new TestTcpConversation("192.0.2.1", 40000, "192.0.2.2", 25, clientIsn: 0xFFFF_FFF0, vlans: [7])
            .Handshake()
            .ServerSends("220 hi\r\n")
            .ClientSends(new string('x', 3000) + "\r\n", segmentSize: 1000)
            .Close();
        var path = Temp();
        conv.WriteTo(path);

        var decoder = new FrameDecoder();
        var fromClient = new StringBuilder();
        uint expectedSeq = 0xFFFF_FFF1;   // sequence numbers wrap past 2^32 inside this exchange
        foreach (var p in ReadBack.All(path))
        {
            var d = Decoded.Of(decoder, p.Data, p.LinkType, p.UnixNanoseconds);
            Assert.Equal(FrameDecodeResult.Ok, d.Result);
            Assert.False(d.BadChecksum);
            if (d.SourcePort == 40000 && d.Payload.Length > 0)
            {
                Assert.Equal(expectedSeq, d.Sequence);
                expectedSeq = unchecked(expectedSeq + (uint)d.Payload.Length);
                fromClient.Append(Encoding.ASCII.GetString(d.Payload));
            }
        }
        Assert.Equal(new string('x', 3000) + "\r\n", fromClient.ToString());
        Assert.Equal(expectedSeq, conv.ClientSequence - 1);   // FIN took one sequence number
        Assert.Equal(3 + 2 + 5 + 3, conv.Frames.Count);       // handshake, reply+ack, 4 segments+ack, close
    }
}
