namespace Orchestrated.Pipeline.Sample;

/// <summary>The engagement story a sample student follows (<see cref="EngagementStory"/>).</summary>
public enum Trajectory { Steady, Fading, Crammer, Returner }
