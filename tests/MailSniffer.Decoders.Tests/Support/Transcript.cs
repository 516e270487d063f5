using System.Text;
using MailSniffer.Core.Flows;

namespace MailSniffer.Decoders.Tests.Support;

/// <summary>Builds a byte transcript as it would be on the wire: C()/S() add a line with CRLF, Raw adds bytes verbatim.</summary>
public sealed class Transcript
{
    public List<TranscriptTurn> Turns { get; } = new();

    public Transcript C(params string[] lines) => Add(Direction.ClientToServer, string.Concat(lines.Select(l => l + "\r\n")));

    public Transcript S(params string[] lines) => Add(Direction.ServerToClient, string.Concat(lines.Select(l => l + "\r\n")));

    public Transcript CRaw(string text) => Add(Direction.ClientToServer, text);

    public Transcript SRaw(string text) => Add(Direction.ServerToClient, text);

    public Transcript Raw(Direction direction, byte[] data)
    {
        Turns.Add(new TranscriptTurn(direction, data));
        return this;
    }

    public Transcript Gap(Direction direction, long length)
    {
        Turns.Add(new TranscriptTurn(direction, null, length));
        return this;
    }

    private Transcript Add(Direction direction, string text) => Raw(direction, Encoding.UTF8.GetBytes(text));
}
