global using Circles.Web.Pipeline;
global using Mediator;
global using Microsoft.AspNetCore.Mvc;
