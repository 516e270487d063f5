using MailSniffer.Decoders.Common;
using MailSniffer.Decoders.Sasl;
using static MailSniffer.Decoders.Tests.Support.TestText;

namespace MailSniffer.Decoders.Tests.Common;

public sealed class CommandLineFilterTests
{
    private static readonly HashSet<string> Verbs = new(StringComparer.Ordinal) { "MAIL", "QUIT", "NOOP" };

    private static string? Command(CommandLineFilter filter, string line, SaslExchange? auth = null) =>
        filter.TryCommand(line, auth, out var verb, out var arg) ? $"{verb}|{arg}" : null;

    [Fact]
    public void A_command_line_gives_its_upper_cased_verb_and_argument()
    {
        Assert.Equal("MAIL|FROM:<a@b>", Command(new CommandLineFilter(Verbs), "mail FROM:<a@b>"));
        Assert.Equal("XYZZY|", Command(new CommandLineFilter(Verbs), "xyzzy"));
    }

    [Fact]
    public void Base64_lines_of_a_waiting_known_mechanism_are_its_responses_even_when_they_spell_a_verb()
    {
        var filter = new CommandLineFilter(Verbs);
        var auth = new SaslExchange("LOGIN", null);
        Assert.Null(Command(filter, "QUIT", auth)); // "QUIT" is valid base64: as the user name it belongs to the exchange
        Assert.Null(Command(filter, B64("secret"), auth));
        Assert.False(auth.WantsClientResponse);
        Assert.Equal(("LOGIN", "AB\u0013"), (auth.Credential!.Mechanism, auth.Credential.Username)); // base64 "QUIT" = 41 42 13
        Assert.Equal("QUIT|", Command(filter, "QUIT", auth));
    }

    [Fact]
    public void An_unknown_mechanism_gives_way_to_a_known_verb()
    {
        var filter = new CommandLineFilter(Verbs);
        var auth = new SaslExchange("GSSAPI", null);
        Assert.Null(Command(filter, B64("token"), auth));
        Assert.Equal("NOOP|", Command(filter, "noop", auth));
    }

    [Fact]
    public void After_a_lost_sync_lines_are_skipped_until_a_known_verb()
    {
        var filter = new CommandLineFilter(Verbs);
        filter.LoseSync();
        Assert.Null(Command(filter, "rest of a message body"));
        Assert.Null(Command(filter, "XYZZY plausible but unknown"));
        Assert.Equal("MAIL|FROM:<x@y>", Command(filter, "MAIL FROM:<x@y>"));
        Assert.Equal("XYZZY|", Command(filter, "XYZZY"));
    }
}
