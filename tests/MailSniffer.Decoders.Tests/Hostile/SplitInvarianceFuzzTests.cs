using System.Text;
using MailSniffer.Core.Flows;
using MailSniffer.Decoders.Pop3;
using MailSniffer.Decoders.Smtp;
using MailSniffer.Decoders.Tests.Support;

namespace MailSniffer.Decoders.Tests.Hostile;

/// <summary>
/// Protocol-shaped random transcripts (fixed seeds): whatever the decoders make of them, cutting the same bytes differently
/// must give the same events. Small limits make the bounds (held early data, line length, pending queue) kick in.
/// </summary>
public sealed class SplitInvarianceFuzzTests
{
    private static readonly string[] Client =
    [
        "EHLO x\r\n", "MAIL FROM:<a@b>\r\n", "RCPT TO:<c@d>\r\n", "DATA\r\n", "BDAT 7\r\n", "BDAT 3 LAST\r\n", "AUTH LOGIN\r\n",
        "AUTH PLAIN\r\n", "AUTH CRAM-MD5\r\n", "dXNlcg==\r\n", "*\r\n", ".\r\n", "..x\r\n", "body line\r\n", "\r\n", "RSET\r\n",
        "USER u\r\n", "PASS p\r\n", "RETR 1\r\n", "TOP 1 0\r\n", "LIST\r\n", "CAPA\r\n", "APOP u 00ff\r\n", "QUIT\r\n",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "\r", "\n", ".",
    ];

    private static readonly string[] Server =
    [
        "220 mx\r\n", "250-x\r\n", "250 ok\r\n", "334 VXNlcm5hbWU6\r\n", "334 UGFzc3dvcmQ6\r\n", "354 go\r\n", "503 no\r\n",
        "235 ok\r\n", "535 no\r\n", "500 what\r\n", "+OK\r\n", "-ERR\r\n", "+ \r\n", "+OK <1.2@h>\r\n", "1 20\r\n", ".\r\n",
        "..dot\r\n", "text\r\n", "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy", "\r", "\n",
    ];

    public static TheoryData<int> Seeds => new() { 1, 2, 3, 4, 5, 6, 7, 8 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Smtp_events_do_not_depend_on_segmentation(int seed)
    {
        var options = new SmtpDecoderOptions { MaxLineLength = 100, MaxEarlyDataBytes = 200, MaxPendingCommands = 16 };
        TranscriptReplay.AssertSplitInvariant(sink => new SmtpDecoder(TestFlows.Context(), sink, options), RandomTranscript(seed), [seed, seed + 100]);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Pop3_events_do_not_depend_on_segmentation(int seed)
    {
        var options = new Pop3DecoderOptions { MaxLineLength = 100, MaxPendingCommands = 16 };
        TranscriptReplay.AssertSplitInvariant(sink => new Pop3Decoder(TestFlows.Context(), sink, options), RandomTranscript(seed), [seed, seed + 100]);
    }

    private static List<TranscriptTurn> RandomTranscript(int seed)
    {
        var random = new Random(seed);
        var turns = new List<TranscriptTurn>();
        for (int t = 0; t < 300; t++)
        {
            var dir = random.Next(2) == 0 ? Direction.ClientToServer : Direction.ServerToClient;
            if (random.Next(25) == 0) { turns.Add(new TranscriptTurn(dir, null, random.Next(1, 50))); continue; }
            var tokens = dir == Direction.ClientToServer ? Client : Server;
            var sb = new StringBuilder();
            for (int i = random.Next(1, 6); i > 0; i--) sb.Append(tokens[random.Next(tokens.Length)]);
            turns.Add(new TranscriptTurn(dir, Encoding.ASCII.GetBytes(sb.ToString())));
        }
        return turns;
    }
}
