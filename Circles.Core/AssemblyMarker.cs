namespace Circles.Core;

/// <summary>Names this assembly for the Mediator source generator and validator discovery.</summary>
public sealed class AssemblyMarker;
