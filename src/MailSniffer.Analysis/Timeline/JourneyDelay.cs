namespace MailSniffer.Analysis.Timeline;

/// <summary>Time between two steps (indexes into <see cref="Journey.Steps"/>), in seconds.</summary>
public sealed record JourneyDelay(int From, int To, double Seconds);
