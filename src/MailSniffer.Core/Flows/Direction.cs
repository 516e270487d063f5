namespace MailSniffer.Core.Flows;

public enum Direction : byte
{
    ClientToServer = 0,
    ServerToClient = 1,
}

public static class DirectionExtensions
{
    public static Direction Reverse(this Direction d) => d == Direction.ClientToServer ? Direction.ServerToClient : Direction.ClientToServer;
    public static string ToShortString(this Direction d) => d == Direction.ClientToServer ? "c2s" : "s2c";
}
