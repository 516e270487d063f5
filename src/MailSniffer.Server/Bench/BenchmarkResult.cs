namespace MailSniffer.Server.Bench;

public sealed record BenchmarkResult(int Clients, int MessagesPerClient, int Accepted, int Failed, int Stored, int DistinctStored, TimeSpan Elapsed, string Storage)
{
    public double MessagesPerSecond => Accepted / Elapsed.TotalSeconds;
    public bool ExactlyOnce => Stored == Accepted && DistinctStored == Accepted;
}
